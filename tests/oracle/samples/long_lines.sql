-- Lines the formatter has to wrap at printWidth 80: long enum unions and
-- Constants arrays, long column types (enum / enum array, nullable), and a
-- composite foreign key with long column names. Also a labels-just-fitting
-- enum (fits on one line) next to one that overflows by a character.
create type public.subscription_lifecycle_state as enum (
  'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'
);
create type public.fits as enum ('aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd', 'eeeee');
create type public.overflows as enum ('aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd', 'eeeeee');

create table public.organization_memberships (
  organization_identifier uuid not null,
  member_account_identifier uuid not null,
  primary key (organization_identifier, member_account_identifier)
);

create table public.subscription_history_entries (
  id bigint generated always as identity primary key,
  organization_identifier uuid not null,
  member_account_identifier uuid not null,
  previous_subscription_lifecycle_state public.subscription_lifecycle_state,
  current_subscription_lifecycle_state public.subscription_lifecycle_state not null,
  all_subscription_lifecycle_states_seen public.subscription_lifecycle_state[],
  x public.subscription_lifecycle_state[] not null,
  constraint subscription_history_entries_membership_fkey
    foreign key (organization_identifier, member_account_identifier)
    references public.organization_memberships (organization_identifier, member_account_identifier)
);
