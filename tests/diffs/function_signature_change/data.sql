insert into public.notes (level) values (1), (5);
