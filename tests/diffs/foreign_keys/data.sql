insert into public.items (title, note) values ('a', 'x'), ('b', null);insert into public.comments (item_id, body) values (1, 'c');
