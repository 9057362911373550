-- A small stand-in for what a Supabase project provides before any user migration runs:
-- the API roles, the `auth` schema with `auth.users` and the JWT helper functions,
-- and an `extensions` schema (with citext when the server has it).
--
-- Installed once per test session into a template database (see postgres.py); every
-- test database is a copy of it. Safe to run more than once, and against a cluster where
-- the roles already exist (roles are cluster-wide; another session may create them
-- concurrently, hence the exception handlers).
--
-- The auth.* function bodies follow Supabase's own definitions (supabase/auth migrations).
-- Unlike a real project, NO default privileges are set up, so a table's grants are exactly
-- the ones its migration makes (postgres.SUPABASE_DEFAULT_PRIVILEGES_SQL adds Supabase's).

-- Roles ------------------------------------------------------------------------------------

DO $roles$
DECLARE
    spec text[];
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ARRAY['anon',          'NOLOGIN NOINHERIT'],
        ARRAY['authenticated', 'NOLOGIN NOINHERIT'],
        ARRAY['service_role',  'NOLOGIN NOINHERIT BYPASSRLS'],
        ARRAY['authenticator', 'LOGIN NOINHERIT']
    ] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = spec[1]) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', spec[1], spec[2]);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created meanwhile by a concurrent session
            END;
        END IF;
    END LOOP;
END
$roles$;

-- The attribute the RLS tests rely on, even if the role pre-existed without it.
ALTER ROLE service_role BYPASSRLS;

DO $members$
BEGIN
    IF NOT pg_catalog.pg_has_role('authenticator', 'anon', 'MEMBER') THEN
        GRANT anon, authenticated, service_role TO authenticator;
    END IF;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
    NULL;
END
$members$;

GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;

-- Extensions ---------------------------------------------------------------------------------

CREATE SCHEMA IF NOT EXISTS extensions;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;

DO $ext$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'citext') THEN
        CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA extensions;
    END IF;
END
$ext$;

-- auth ------------------------------------------------------------------------------------------

CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

-- A subset of Supabase's auth.users (the columns user tables and triggers usually touch).
CREATE TABLE IF NOT EXISTS auth.users (
    instance_id uuid,
    id uuid NOT NULL PRIMARY KEY,
    aud varchar(255),
    role varchar(255),
    email varchar(255),
    encrypted_password varchar(255),
    email_confirmed_at timestamptz,
    phone text UNIQUE,
    phone_confirmed_at timestamptz,
    last_sign_in_at timestamptz,
    raw_app_meta_data jsonb,
    raw_user_meta_data jsonb,
    is_super_admin boolean,
    is_sso_user boolean NOT NULL DEFAULT false,
    is_anonymous boolean NOT NULL DEFAULT false,
    created_at timestamptz,
    updated_at timestamptz,
    deleted_at timestamptz
);
COMMENT ON TABLE auth.users IS 'Auth: Stores user login data within a secure schema.';

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE
AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

CREATE OR REPLACE FUNCTION auth.email() RETURNS text
LANGUAGE sql STABLE
AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt()
    TO anon, authenticated, service_role;
