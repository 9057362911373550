insert into public.messages (body) values ('hi');
