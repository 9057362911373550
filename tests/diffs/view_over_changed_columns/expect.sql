select (select count(*) from public.note_bodies) = 2 and (select notes from public.mood_counts where mood = 'sad') = 1
