insert into public.items (title, seq) values ('a', 7);
