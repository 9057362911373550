insert into basejump.config default values;
