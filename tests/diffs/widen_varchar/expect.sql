select count(*) = 2 from public.items
