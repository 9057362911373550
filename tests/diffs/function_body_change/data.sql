insert into public.items (price) values (10), (20);
