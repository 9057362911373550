insert into public.events (owner_id) values (gen_random_uuid()); update public.events set owner_id = owner_id;
