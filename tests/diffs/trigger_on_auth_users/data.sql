insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'a@example.com'); insert into public.profiles (id) values ('00000000-0000-0000-0000-000000000001');
