select (select count(*) from public.notes) = 1 and (select obj_description(oid, 'pg_policy') from pg_policy where polname = 'own notes') = 'Owners only.'
