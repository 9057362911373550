select count(*) = 1 from public.notes
