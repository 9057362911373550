insert into public.plans (id, name) values ('custom', 'Made by the app');
