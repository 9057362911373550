insert into public.prices values (1, 250);
