-- Two tables. account_settings.account_id is both PK and FK -> one-to-one;
-- account_settings.referred_by is a plain FK -> many-to-one.
create table public.accounts (
  id bigint generated always as identity primary key,
  email text not null unique,
  display_name varchar(80)
);

create table public.account_settings (
  account_id bigint primary key references public.accounts (id) on delete cascade,
  referred_by bigint references public.accounts (id),
  theme text not null default 'light',
  updated_at timestamptz
);
