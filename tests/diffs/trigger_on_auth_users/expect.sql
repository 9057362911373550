select count(*) = 1 from public.profiles
