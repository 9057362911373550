select count(*) = 2 from public.entries
