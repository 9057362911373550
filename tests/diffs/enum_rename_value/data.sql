insert into public.items (title, note) values ('a', 'x'), ('b', null);update public.items set status = 'closed' where title = 'b';
