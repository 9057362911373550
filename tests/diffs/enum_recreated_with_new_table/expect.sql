select count(*) = 1 from public.items where status = 'open'
