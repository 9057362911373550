select (select count(*) from storage.objects where bucket_id = 'avatars') = 1 and (select file_size_limit from storage.buckets where id = 'avatars') = 2097152
