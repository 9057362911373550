insert into public.notes (owner_id, body) values (gen_random_uuid(), 'x');
