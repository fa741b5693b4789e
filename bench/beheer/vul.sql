-- Fills a migrated, empty gateway database (PostgreSQL) with :n realistic hulpvragen in a few set-based statements
-- (generate_series, no round trip per row). Run by bench/beheer/beheer-bench.sh:
--   psql -v n=1000000 -v seed=0.42 -f bench/beheer/vul.sql
-- What "realistic" means here (the spec's manual and the intake of a large samenwerkingsverband):
--   * 300 schools (BRIN6: 2 digits + 2 letters + vestiging 00, every tenth school also 01); a few big schools send
--     more than the many small ones (index drawn as 300·u^1.3: the busiest school ~1.3 % of all, the average one 0.33 %);
--   * three school years, 2023-12-01 .. 2026-11-30: weekdays only but for a trickle at weekends, autumn (Sep–Nov)
--     1.6×, January–March 1.1×, the summer holiday (Jul–Aug) 0.25×; office hours 08:00–17:00;
--   * the fixed title list with TLV and Ambulante Begeleiding the most common;
--   * status by age: older than four months almost all final (afgerond, TLV afgegeven, afgewezen, niet ontvankelijk),
--     recent ones spread over the open statuses; only statuses allowed for the title group;
--   * 60 % ParnasSys, 40 % Esis; 5 % on school level (no pupil); surnames and first names from a list of common
--     Dutch names, with tussenvoegsel where usual;
--   * status history: aanmelding at intake, then one or two further entries for a hulpvraag that moved on.
\set ON_ERROR_STOP on
SELECT setseed(:seed) \gset

CREATE TEMP TABLE school AS
SELECT i,
       lpad((10 + i % 90)::text, 2, '0') || chr(65 + (i / 90) % 26) || chr(65 + (i * 7) % 26) AS brin,
       CASE WHEN i % 10 = 0 THEN 2 ELSE 1 END AS vestigingen
FROM generate_series(0, 299) AS i;

-- Every calendar day with its weight, expanded to weight×20 slots: a uniform pick over the slots is a pick of a
-- day with that weight.
CREATE TEMP TABLE dagslot AS
WITH dag AS (
    SELECT d::date AS dag,
           (CASE WHEN extract(isodow FROM d) >= 6 THEN 0.03 ELSE 1 END)
         * (CASE WHEN extract(month FROM d) IN (9, 10, 11) THEN 1.6
                 WHEN extract(month FROM d) IN (7, 8) THEN 0.25
                 WHEN extract(month FROM d) IN (1, 2, 3) THEN 1.1 ELSE 1 END) AS gewicht
    FROM generate_series(date '2023-12-01', date '2026-11-30', interval '1 day') AS d
)
SELECT row_number() OVER () AS slot, dag FROM dag, generate_series(1, greatest(1, round(gewicht * 20)::int));
CREATE UNIQUE INDEX ON dagslot (slot);
ANALYZE dagslot;

CREATE TEMP TABLE titelkeuze (nr int PRIMARY KEY, code text, weergave text, gewicht int);
INSERT INTO titelkeuze VALUES
 (1, 'tlv-nieuw', 'TLV -Nieuw', 14), (2, 'ambulante-begeleiding', 'Ambulante Begeleiding', 14),
 (3, 'tlv-verlenging', 'TLV -Verlenging', 8), (4, 'schoolbudget', 'Schoolbudget individueel/groep/wijk', 8),
 (5, 'psychodiagnostisch-onderzoek', 'Psychodiagnostisch onderzoek', 7), (6, 'preventie-scp', 'Preventie SCP', 6),
 (7, 'dyslexie-vergoede-zorg', 'Dyslexie -Vergoede zorg', 6), (8, 'budget-inclusief-onderwijs', 'Budget inclusief onderwijs', 5),
 (9, 'tlv-verlaging-ophoging', 'TLV -Verlaging/ophoging', 4), (10, 'jonge-kind-advisering', 'Jonge kind (3,2 - 4 jr) advisering', 4),
 (11, 'gaaf', 'GAAF -Leerling met ontwikkelingsvoorsprong/(hoog)begaafdheid', 4), (12, 'ouderfunctionaris-inzet', 'Ouderfunctionaris inzet', 3),
 (13, 'perspectief-in-praktijk', 'Perspectief in Praktijk', 3), (14, 'thuiszitter', 'Thuiszitter', 3),
 (15, 'terugplaatsing', 'Terugplaatsing', 2), (16, 'herstart-junior', 'Herstart junior', 2), (17, 'kans', 'KANS', 2),
 (18, 'aanvangsklas-aanvraag', 'Aanvangsklas -aanvraag', 2), (19, 'aanvangsklas-plaatsing', 'Aanvangsklas -plaatsing', 1),
 (20, 'informatieuitwisseling-overig', 'Informatieuitwisseling overig', 1), (21, 'car-met-bestaande-tlv', 'CAR met bestaande TLV', 1),
 (22, 'stapcoach-vo', 'STAPcoach VO', 1);
CREATE TEMP TABLE titelslot AS
SELECT row_number() OVER () AS slot, t.code, t.weergave FROM titelkeuze t, generate_series(1, t.gewicht);
CREATE UNIQUE INDEX ON titelslot (slot);

CREATE TEMP TABLE achternaam (nr int PRIMARY KEY, tussenvoegsel text, naam text);
INSERT INTO achternaam SELECT row_number() OVER (), NULLIF(split_part(x, '|', 1), ''), split_part(x, '|', 2) FROM unnest(string_to_array(
 '|Jansen,de|Vries,van den|Berg,van|Dijk,|Bakker,|Janssen,|Visser,|Smit,|Meijer,de|Boer,|Mulder,de|Groot,|Bos,|Vos,|Peters,' ||
 '|Hendriks,van|Leeuwen,|Dekker,|Brouwer,de|Wit,|Dijkstra,|Smits,de|Graaf,van der|Meer,van der|Linden,|Kok,|Jacobs,de|Haan,' ||
 '|Vermeulen,van den|Heuvel,van der|Veen,van den|Broek,de|Bruijn,de|Jong,van der|Heijden,|Schouten,van|Beek,|Willems,' ||
 '|Verbeek,|Hoekstra,|Maas,|Verhoeven,|Koster,van|Dam,van der|Wal,|Prins,|Blom,|Huisman,|Peeters,de|Jonge,|Kuipers,van|Vliet,' ||
 '|Postma,|Kuiper,|Veenstra,|Kramer,van den|Brink,|Scholten,van|Wijk,|Post,|Martens,|Vink,|Yılmaz,|Kaya,|Demir,|Şahin,|El Amrani,' ||
 '|Bouzid,|Öztürk,|Çelik,|Ramdin,|Nguyen,|Martina,|Pinas,|Kowalski,|Nowak,|Ahmadi', ',')) AS x;
CREATE TEMP TABLE voornaam AS
SELECT row_number() OVER () AS nr, x AS naam FROM unnest(string_to_array(
 'Noah,Emma,Liam,Julia,Luca,Mila,Sem,Tess,Daan,Sophie,Finn,Zoë,Lucas,Sara,Levi,Nora,Mees,Yara,Milan,Evi,Bram,Lotte,' ||
 'Adam,Saar,Mohammed,Fenna,Noud,Olivia,Jesse,Anna,Ayoub,Lina,Siem,Amira,Thijs,Isa,Jayden,Nina,Daniël,Maud', ',')) AS x;

-- One draw per hulpvraag; dossiernummers follow intake order, as the sequence hands them out.
CREATE TEMP TABLE trek AS
SELECT g,
       (floor(300 * power(random(), 1.3)))::int AS school_i,
       random() AS u_vest,
       1 + floor(random() * (SELECT max(slot) FROM dagslot))::int AS dag_slot,
       make_interval(secs => 8 * 3600 + floor(random() * 9 * 3600)) AS tijd,
       1 + floor(random() * (SELECT max(slot) FROM titelslot))::int AS titel_slot,
       random() AS u_status, random() AS u_systeem, random() AS u_niveau, random() AS u_dagen,
       1 + floor(random() * (SELECT count(*) FROM achternaam))::int AS achternaam_nr,
       1 + floor(random() * (SELECT count(*) FROM voornaam))::int AS voornaam_nr,
       1 + floor(random() * (SELECT count(*) FROM voornaam))::int AS aanvrager_nr
FROM generate_series(1, :n) AS g;

CREATE TEMP TABLE bron AS
SELECT t.*, s.brin,
       CASE WHEN s.vestigingen = 2 AND t.u_vest < 0.3 THEN '01' ELSE '00' END AS vestiging,
       ((d.dag + t.tijd) AT TIME ZONE 'Europe/Amsterdam') AS ontvangen_op,
       ts.code AS titel, ts.weergave AS titel_weergave
FROM trek t
JOIN school s ON s.i = t.school_i
JOIN dagslot d ON d.slot = t.dag_slot
JOIN titelslot ts ON ts.slot = t.titel_slot;
DROP TABLE trek;

CREATE TEMP TABLE rij AS
SELECT b.*, 1000 + row_number() OVER (ORDER BY b.ontvangen_op, b.g) AS dossiernummer,
       CASE WHEN b.u_systeem < 0.6 THEN 'parnassys' ELSE 'esis' END AS systeem,
       -- How far along: by age against 2026-12-01, then a status allowed for the title group.
       CASE
         WHEN b.ontvangen_op < timestamptz '2026-08-01' THEN
           CASE WHEN b.u_status < 0.62 THEN 'afgerond'
                WHEN b.u_status < 0.80 THEN (CASE WHEN b.titel LIKE 'tlv-%' THEN 'tlv-afgegeven' ELSE 'afgerond' END)
                WHEN b.u_status < 0.88 THEN 'afgewezen'
                WHEN b.u_status < 0.93 THEN 'niet-ontvankelijk'
                WHEN b.u_status < 0.96 THEN (CASE WHEN b.titel IN ('herstart-junior', 'kans') THEN 'gearrangeerd-budget-herstart-kans'
                                                  WHEN b.titel LIKE 'tlv-%' OR b.titel IN ('schoolbudget', 'budget-inclusief-onderwijs') THEN 'toegekend'
                                                  ELSE 'afgerond' END)
                WHEN b.u_status < 0.98 THEN 'wacht'
                ELSE 'in-behandeling' END
         ELSE
           CASE WHEN b.u_status < 0.30 THEN 'aanmelding'
                WHEN b.u_status < 0.50 THEN 'in-behandeling'
                WHEN b.u_status < 0.60 THEN 'dossier-incompleet'
                WHEN b.u_status < 0.68 THEN 'dossier-compleet'
                WHEN b.u_status < 0.74 THEN 'doorzetten'
                WHEN b.u_status < 0.80 THEN 'wacht'
                WHEN b.u_status < 0.84 THEN (CASE WHEN b.titel = 'thuiszitter' THEN 'thuiszitter' ELSE 'in-behandeling' END)
                WHEN b.u_status < 0.86 THEN (CASE WHEN b.titel IN ('herstart-junior', 'kans') THEN 'akkoord-coordinator-herstart-kans' ELSE 'wacht' END)
                WHEN b.u_status < 0.88 THEN 'voorlopige-aanmelding'
                ELSE 'afgerond' END
       END AS status_code
FROM bron b;
DROP TABLE bron;

INSERT INTO hulpvraag (dossiernummer, systeem, brin, vestiging, referentie, kanaal, samenwerkingsverband, titel, titel_origineel,
    omschrijving, niveau, leerling_json, aanvrager_json, waarschuwingen_json, status_code, status_kwalificatie,
    status_toelichting, status_sinds, ontvangen_op, bijgewerkt_op, versie)
SELECT r.dossiernummer, r.systeem, r.brin, r.vestiging,
       CASE WHEN r.systeem = 'parnassys' THEN 'PS-' ELSE 'ES-' END || r.brin || '-' || r.dossiernummer,
       NULL, 'PO2806', r.titel, r.titel_weergave,
       'Leerling heeft ondersteuning nodig; zie de bijlagen en het groepsplan.',
       CASE WHEN r.u_niveau < 0.05 THEN 'school' ELSE 'leerling' END,
       -- Compact JSON as the gateway writes it (System.Text.Json, web defaults), so the text search matches alike.
       CASE WHEN r.u_niveau < 0.05 THEN NULL ELSE
           '{"leerlingId":"L' || r.dossiernummer || '","roepnaam":' || to_json(v.naam) || ',"voornamen":' || to_json(v.naam)
           || ',"tussenvoegsel":' || coalesce(to_json(a.tussenvoegsel)::text, 'null') || ',"achternaam":' || to_json(a.naam)
           || ',"geboortedatum":"' || (date '2015-01-01' + (r.g % 2500))::text || '","geslacht":"'
           || CASE WHEN r.g % 2 = 0 THEN 'M' ELSE 'V' END || '","groep":"' || (1 + r.g % 8) || '"}' END,
       '{"naam":' || to_json(av.naam || ' ' || a2.naam) || ',"email":' || to_json(lower(av.naam) || '.ib@school' || lower(r.brin) || '.nl')
           || ',"telefoon":null,"functie":"Intern begeleider"}',
       '[]',
       r.status_code,
       CASE r.status_code WHEN 'doorzetten' THEN 'Orthopedagoog' WHEN 'in-behandeling' THEN 'Consulent' ELSE NULL END,
       CASE WHEN r.status_code IN ('afgewezen', 'niet-ontvankelijk', 'dossier-incompleet') THEN 'Zie het gesprek met de school.' END,
       CASE WHEN r.status_code = 'aanmelding' THEN r.ontvangen_op ELSE r.ontvangen_op + (r.u_dagen * 90) * interval '1 day' END,
       r.ontvangen_op,
       CASE WHEN r.status_code = 'aanmelding' THEN r.ontvangen_op ELSE r.ontvangen_op + (r.u_dagen * 90) * interval '1 day' END,
       CASE WHEN r.status_code = 'aanmelding' THEN 1 WHEN r.u_dagen < 0.5 THEN 2 ELSE 3 END
FROM rij r
JOIN achternaam a ON a.nr = r.achternaam_nr
JOIN voornaam v ON v.nr = r.voornaam_nr
JOIN voornaam av ON av.nr = r.aanvrager_nr
JOIN achternaam a2 ON a2.nr = 1 + (r.aanvrager_nr * 7) % 70;

-- History: aanmelding at intake; then (versie 3) in behandeling halfway; then the current status.
INSERT INTO statushistorie (dossiernummer, van, naar, kwalificatie, toelichting, door, op)
SELECT dossiernummer, NULL, 'aanmelding', NULL, NULL, systeem, ontvangen_op FROM hulpvraag
UNION ALL
SELECT dossiernummer, 'aanmelding', 'in-behandeling', 'Consulent', NULL, 'beheer:backoffice@swv.nl', ontvangen_op + (status_sinds - ontvangen_op) / 2
FROM hulpvraag WHERE versie = 3
UNION ALL
SELECT dossiernummer, CASE WHEN versie = 3 THEN 'in-behandeling' ELSE 'aanmelding' END, status_code, status_kwalificatie,
       status_toelichting, 'beheer:backoffice@swv.nl', status_sinds
FROM hulpvraag WHERE versie >= 2;

SELECT setval('dossiernummer_seq', (SELECT max(dossiernummer) FROM hulpvraag));
DROP TABLE rij;
VACUUM (ANALYZE) hulpvraag;
VACUUM (ANALYZE) statushistorie;
