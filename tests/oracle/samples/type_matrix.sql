-- Every base type of interest, NOT NULL (c_*) and nullable (n_*), arrays
-- (a_*), enums in the generated schema (public.color) and in a schema that is
-- not generated (extra.mood), a domain, citext from the extensions schema, and
-- a few types the generator has no mapping for (inet, "char", money).
create extension if not exists citext with schema extensions;
create schema if not exists extra;
create type extra.mood as enum ('happy', 'sad', 'meh');
create type public.color as enum ('red', 'green', 'blue');
create domain public.short_text as varchar(20);
create domain public.required_text as text not null;

create table public.type_matrix (
  c_uuid uuid not null,
  c_text text not null,
  c_varchar varchar(10) not null,
  c_char char(3) not null,
  c_int2 smallint not null,
  c_int4 integer not null,
  c_int8 bigint not null,
  c_numeric numeric(10, 2) not null,
  c_float4 real not null,
  c_float8 double precision not null,
  c_bool boolean not null,
  c_date date not null,
  c_time time not null,
  c_timetz timetz not null,
  c_timestamp timestamp not null,
  c_timestamptz timestamptz not null,
  c_interval interval not null,
  c_json json not null,
  c_jsonb jsonb not null,
  c_bytea bytea not null,
  c_inet inet not null,
  c_citext extensions.citext not null,
  c_color public.color not null,
  c_mood extra.mood not null,
  c_qchar "char" not null,
  c_money money not null,
  n_uuid uuid,
  n_text text,
  n_int8 bigint,
  n_bool boolean,
  n_json json,
  n_jsonb jsonb,
  n_inet inet,
  n_color public.color,
  n_mood extra.mood,
  a_text text[] not null,
  a_int4 integer[],
  a_int4_2d integer[][] not null,
  a_uuid uuid[],
  a_jsonb jsonb[] not null,
  a_color public.color[] not null,
  a_color_null public.color[],
  a_mood extra.mood[],
  d_short public.short_text,
  d_required public.required_text
);
