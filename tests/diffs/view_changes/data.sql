insert into public.items (name, price) values ('pen', 2), ('desk', 150);
insert into public.items (name, hidden) values ('secret', true);
