insert into storage.buckets (id, name) values ('avatars', 'avatars'); insert into storage.objects (bucket_id, name) values ('avatars', 'x/a.png');
