insert into storage.objects (bucket_id, name) values ('avatars', 'a/me.png');
