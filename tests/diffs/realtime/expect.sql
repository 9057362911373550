select (select count(*) from public.messages) = 1 and (select array_agg(tablename::text) from pg_publication_tables where pubname = 'supabase_realtime') = '{presence}'
