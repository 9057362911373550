insert into public.members (org_id, email, handle) values (1, 'a@x.io', 'a'), (1, 'b@x.io', null);
