insert into public.posts (title) values ('Hello');
