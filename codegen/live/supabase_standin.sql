-- A stand-in for what a Supabase project provides before any user migration runs: the API
-- roles, the `auth` schema with `auth.users` and the JWT helper functions, an `extensions`
-- schema (with citext when the server has it), the `storage` schema (buckets, objects and
-- the path helpers policies use) and the `supabase_realtime` publication.
--
-- The test suite installs it once per session into a template database (tests/support/
-- postgres.py; every test database is a copy of it); `codegen verify` installs it into its
-- throwaway server. Safe to run more than once, and against a cluster where
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

-- storage ---------------------------------------------------------------------------------------
-- The columns, keys and helper functions of Supabase Storage's own migrations (supabase/storage);
-- in a real project supabase_storage_admin owns them. RLS is on and the API roles have every
-- privilege: what a role may do with an object is decided by the policies a project adds.

CREATE SCHEMA IF NOT EXISTS storage;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;

CREATE TABLE IF NOT EXISTS storage.buckets (
    id text NOT NULL PRIMARY KEY,
    name text NOT NULL,
    owner uuid,
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now(),
    public boolean DEFAULT false,
    avif_autodetection boolean DEFAULT false,
    file_size_limit bigint,
    allowed_mime_types text[],
    owner_id text
);
CREATE UNIQUE INDEX IF NOT EXISTS bname ON storage.buckets USING btree (name);

CREATE TABLE IF NOT EXISTS storage.objects (
    id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    bucket_id text REFERENCES storage.buckets (id),
    name text,
    owner uuid,
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now(),
    last_accessed_at timestamptz DEFAULT now(),
    metadata jsonb,
    path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
    version text,
    owner_id text,
    user_metadata jsonb
);
CREATE UNIQUE INDEX IF NOT EXISTS bucketid_objname ON storage.objects USING btree (bucket_id, name);
CREATE INDEX IF NOT EXISTS name_prefix_search ON storage.objects USING btree (name text_pattern_ops);

ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;

CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[]
LANGUAGE plpgsql
AS $$
DECLARE
    _parts text[];
BEGIN
    SELECT string_to_array(name, '/') INTO _parts;
    RETURN _parts[1:array_length(_parts, 1) - 1];
END
$$;

CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    _parts text[];
BEGIN
    SELECT string_to_array(name, '/') INTO _parts;
    RETURN _parts[array_length(_parts, 1)];
END
$$;

CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    _parts text[];
    _filename text;
BEGIN
    SELECT string_to_array(name, '/') INTO _parts;
    SELECT _parts[array_length(_parts, 1)] INTO _filename;
    RETURN reverse(split_part(reverse(_filename), '.', 1));
END
$$;

GRANT EXECUTE ON FUNCTION storage.foldername(text), storage.filename(text), storage.extension(text)
    TO anon, authenticated, service_role;

-- realtime ----------------------------------------------------------------------------------------
-- Supabase creates the publication empty; a table joins it to stream its changes.

DO $publication$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_publication WHERE pubname = 'supabase_realtime') THEN
        CREATE PUBLICATION supabase_realtime;
    END IF;
EXCEPTION WHEN duplicate_object THEN
    NULL;  -- created meanwhile by a concurrent session
END
$publication$;
