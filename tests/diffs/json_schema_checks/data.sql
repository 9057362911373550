insert into public.events (payload, extra) values
  ('{"kind": "signup", "count": 1}', '{"source": "web"}'),
  ('{"kind": "login"}', null);
