select count(*) = 1 from public.items where seq = 7
