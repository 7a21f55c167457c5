CREATE TABLE pc (id int, name text, amount numeric(8,2));
COPY pc FROM STDIN;
1	one	1.5
2	\N	2
\.
COPY pc FROM STDIN WITH (FORMAT csv, HEADER);
id,name,amount
3,"three, 3",3.25
\.
\copy pc to stdout csv header
COPY pc (id) TO STDOUT;
COPY pc FROM STDIN;
4	four
\.
SELECT count(*) FROM pc;
TRUNCATE pc;
SELECT count(*) FROM pc;
DROP TABLE pc;
