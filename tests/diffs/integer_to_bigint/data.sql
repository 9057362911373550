insert into public.items (title, note) values ('a', 'x'), ('b', null);
