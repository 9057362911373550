insert into public.documents (body) values ('a'), ('b');
