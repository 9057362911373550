select (select count(*) from storage.objects) = 1 and not exists (select from pg_policies where schemaname = 'storage')
