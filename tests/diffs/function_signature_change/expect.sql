select public.allowed(2, 3) and (select count(*) from public.notes) = 2
