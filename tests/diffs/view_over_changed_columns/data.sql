insert into public.notes (id, body, mood) values (1, 'a', 'sad'), (2, 'b', 'happy');
