insert into public.notes (owner_id) values (gen_random_uuid());
