-- Minimal stand-in for the parts of a Supabase database that the samples
-- reference. Applied before every sample (a real Supabase database already
-- has these). Not part of the generated types: only `public` is included.
create schema if not exists auth;
create table if not exists auth.users (id uuid primary key);
create schema if not exists extensions;
