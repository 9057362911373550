select count(*) = 0 from public.items where note is null
