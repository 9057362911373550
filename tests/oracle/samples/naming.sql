-- Ordering and quoting: table, column, enum and FK names that sort
-- differently under the generator's collation (Intl.Collator("en")) than under
-- plain code-point order, names that do / do not need quotes as TypeScript
-- property keys (reserved words, digits, non-ASCII), and enum labels with
-- quotes, a backslash, a space and non-ASCII.
create type public."Zeta" as enum ('b', 'a');
create type public.alpha as enum ('it''s', 'two words', 'UPPER', 'say "hi"', 'back\slash', 'café');
create type public."Kind" as enum ('x');
create type public.kind as enum ('y');
create type public.k_1 as enum ('z');
create type public.k1 as enum ('w');

create table public."Beta" (
  id integer primary key
);

create table public.beta (
  id integer primary key,
  "Beta_id" integer references public."Beta" (id),
  "weird-name" text,
  "Zed" text not null,
  zed text not null,
  a1 text,
  a_b text,
  "_under" text,
  "9lives" text,
  ab_ab integer,
  "default" text,
  "class" text,
  "$dollar" text,
  "café" text,
  "123" text,
  "Éclair" text,
  eclair text
);

create table public.a_b (
  id integer primary key,
  beta_id integer not null references public.beta (id),
  beta_id2 integer references public.beta (id),
  flavor public.alpha not null
);

create table public.a1 (
  id integer primary key,
  zeta public."Zeta",
  "Kind" public."Kind",
  kind public.kind not null,
  k_1 public.k_1[],
  k1 public.k1
);

alter table public.a_b
  add constraint "A_fk" foreign key (beta_id2) references public.a1 (id);
