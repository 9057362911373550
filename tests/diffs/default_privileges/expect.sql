select (select count(*) from public.notes) = 1
