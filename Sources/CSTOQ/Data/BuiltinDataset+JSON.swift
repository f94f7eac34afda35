// Generated from summit.json by the test `builtinDatasetMatchesFile`
// (run `CSTOQ_RECORD=1 swift test --filter builtinDatasetMatchesFile` after editing summit.json).
// Compiled in so that start-up reads no file; summit.json stays the file to read and edit.

extension BuiltinDataset {
    static let json: StaticString = ##"""
{
  "cstoq": 1,
  "title": "CSTO leaders' summit, Bishkek, 27 November 2025",
  "article": "summit-article.it.txt",
  "note": "The article gives the date as '27 novembre' without a year: the 2025 of the title is an inference (Japarov reviews what was done 'nel 2025', and the next meeting is on 11 November 2026).",
  "collections": {
    "members": {
      "fields": {
        "name": "text",
        "name_it": "text",
        "status": "one of active, frozen",
        "leader": "ref people",
        "attended": "boolean",
        "presidency": "one of current, next",
        "organization": "ref organizations",
        "note": "text"
      },
      "records": [
        {
          "id": "russia",
          "name": "Russia",
          "name_it": "Russia",
          "status": "active",
          "leader": "vladimir-putin",
          "attended": true,
          "presidency": "next",
          "organization": "csto",
          "note": "Takes over the presidency of the organization after Kyrgyzstan. The article also calls it 'Federazione Russa'.",
          "source": [
            "La struttura comprende Russia, Bielorussia, Kazakistan, Kirghizistan e Tagikistan.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon.",
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        },
        {
          "id": "belarus",
          "name": "Belarus",
          "name_it": "Bielorussia",
          "status": "active",
          "leader": "alexander-lukashenko",
          "attended": true,
          "presidency": null,
          "organization": "csto",
          "note": null,
          "source": [
            "La struttura comprende Russia, Bielorussia, Kazakistan, Kirghizistan e Tagikistan.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "kazakhstan",
          "name": "Kazakhstan",
          "name_it": "Kazakistan",
          "status": "active",
          "leader": "kassym-jomart-tokayev",
          "attended": true,
          "presidency": null,
          "organization": "csto",
          "note": null,
          "source": [
            "La struttura comprende Russia, Bielorussia, Kazakistan, Kirghizistan e Tagikistan.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "kyrgyzstan",
          "name": "Kyrgyzstan",
          "name_it": "Kirghizistan",
          "status": "active",
          "leader": "sadyr-japarov",
          "attended": true,
          "presidency": "current",
          "organization": "csto",
          "note": "presidency 'current' is a reading: the article says only that Russia takes over the presidency 'dopo il Kirghizistan' (after Kyrgyzstan). That the Kyrgyz presidency covered 2025 is an inference too: Japarov's review of the presidency speaks of what was done 'nel 2025'.",
          "source": [
            "La struttura comprende Russia, Bielorussia, Kazakistan, Kirghizistan e Tagikistan.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon.",
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo.",
            "Il presidente del Kirghizistan Sadyr Japarov, nel suo discorso al vertice della CSTO, ha tirato alcune somme sull'attività dell'organizzazione sotto la presidenza della sua repubblica."
          ]
        },
        {
          "id": "tajikistan",
          "name": "Tajikistan",
          "name_it": "Tagikistan",
          "status": "active",
          "leader": "emomali-rahmon",
          "attended": true,
          "presidency": null,
          "organization": "csto",
          "note": null,
          "source": [
            "La struttura comprende Russia, Bielorussia, Kazakistan, Kirghizistan e Tagikistan.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "armenia",
          "name": "Armenia",
          "name_it": "Armenia",
          "status": "frozen",
          "leader": null,
          "attended": false,
          "presidency": null,
          "organization": "csto",
          "note": "Formally a member, but it has frozen its membership. The article names no Armenian leader; attended=false is inferred from its absence from the list of presidents who took part.",
          "source": [
            "Formalmente ne fa parte anche l'Armenia, ma questo paese ha congelato l'appartenenza alla CSTO.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        }
      ]
    },
    "people": {
      "fields": {
        "name": "text",
        "country": "ref members",
        "role": "one of president, secretary_general, former_secretary_general",
        "note": "text"
      },
      "records": [
        {
          "id": "vladimir-putin",
          "name": "Vladimir Putin",
          "country": "russia",
          "role": "president",
          "note": "'Il presidente russo'; also called 'il capo della Federazione Russa'.",
          "source": [
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "alexander-lukashenko",
          "name": "Alexander Lukashenko",
          "country": "belarus",
          "role": "president",
          "note": null,
          "source": [
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "kassym-jomart-tokayev",
          "name": "Kassym-Jomart Tokayev",
          "country": "kazakhstan",
          "role": "president",
          "note": null,
          "source": [
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "sadyr-japarov",
          "name": "Sadyr Japarov",
          "country": "kyrgyzstan",
          "role": "president",
          "note": null,
          "source": [
            "Il presidente del Kirghizistan Sadyr Japarov, nel suo discorso al vertice della CSTO, ha tirato alcune somme sull'attività dell'organizzazione sotto la presidenza della sua repubblica.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "emomali-rahmon",
          "name": "Emomali Rahmon",
          "country": "tajikistan",
          "role": "president",
          "note": "'Il capo del Tagikistan'; listed among the presidents who took part.",
          "source": [
            "Il capo del Tagikistan Emomali Rahmon ha definito la situazione internazionale «complessa e difficile da prevedere», in relazione alla quale ha sottolineato l'importanza della partnership nell'ambito della CSTO.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon."
          ]
        },
        {
          "id": "imangali-tasmagambetov",
          "name": "Imangali Tasmagambetov",
          "country": "kazakhstan",
          "role": "former_secretary_general",
          "note": "Outgoing CSTO Secretary General. Country from 'il kazako' (his nationality).",
          "source": [
            "All'incontro sulla sicurezza collettiva a Bishkek, c'è stato un cambio del Segretario Generale della CSTO — al posto del kazako Imangali Tasmagambetov, la carica è stata assunta dal rappresentante del Kirghizistan Taalabek Masadykov."
          ]
        },
        {
          "id": "taalabek-masadykov",
          "name": "Taalabek Masadykov",
          "country": "kyrgyzstan",
          "role": "secretary_general",
          "note": "New CSTO Secretary General; 'il rappresentante del Kirghizistan'.",
          "source": [
            "All'incontro sulla sicurezza collettiva a Bishkek, c'è stato un cambio del Segretario Generale della CSTO — al posto del kazako Imangali Tasmagambetov, la carica è stata assunta dal rappresentante del Kirghizistan Taalabek Masadykov."
          ]
        }
      ]
    },
    "events": {
      "fields": {
        "name": "text",
        "name_it": "text",
        "date": "date",
        "city": "ref cities",
        "status": "one of held, planned",
        "participants": "list ref people",
        "follows": "ref events",
        "presidency": "ref members",
        "note": "text"
      },
      "records": [
        {
          "id": "summit-2025",
          "name": "CSTO leaders' summit",
          "name_it": "vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva",
          "date": "2025-11-27",
          "city": "bishkek",
          "status": "held",
          "participants": [
            "alexander-lukashenko",
            "kassym-jomart-tokayev",
            "sadyr-japarov",
            "vladimir-putin",
            "emomali-rahmon"
          ],
          "follows": null,
          "presidency": "kyrgyzstan",
          "note": "The article gives the date as '27 novembre' without a year; 2025 is an inference (Japarov reviews what was done 'nel 2025' and the next meeting is in November 2026). presidency is a reading: the article says Russia takes the presidency over 'dopo il Kirghizistan' (after Kyrgyzstan), not when.",
          "source": [
            "ℹ️ Il vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva e la riunione del Consiglio di Sicurezza Collettiva della CSTO si sono tenuti il 27 novembre a Bishkek.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon.",
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento.",
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        },
        {
          "id": "council-session-2025",
          "name": "Session of the CSTO Collective Security Council",
          "name_it": "riunione del Consiglio di Sicurezza Collettiva della CSTO",
          "date": "2025-11-27",
          "city": "bishkek",
          "status": "held",
          "participants": [
            "alexander-lukashenko",
            "kassym-jomart-tokayev",
            "sadyr-japarov",
            "vladimir-putin",
            "emomali-rahmon"
          ],
          "follows": null,
          "presidency": "kyrgyzstan",
          "note": "The article gives the date as '27 novembre' without a year; 2025 is an inference (Japarov reviews what was done 'nel 2025' and the next meeting is in November 2026). presidency is a reading: the article says Russia takes the presidency over 'dopo il Kirghizistan' (after Kyrgyzstan), not when.",
          "source": [
            "ℹ️ Il vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva e la riunione del Consiglio di Sicurezza Collettiva della CSTO si sono tenuti il 27 novembre a Bishkek.",
            "Agli eventi hanno partecipato i presidenti: della Bielorussia — Alexander Lukashenko, del Kazakistan — Kassym-Jomart Tokayev, del Kirghizistan — Sadyr Japarov, della Russia — Vladimir Putin, del Tagikistan — Emomali Rahmon.",
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        },
        {
          "id": "next-meeting-2026",
          "name": "Next similar meeting",
          "name_it": "prossimo incontro simile",
          "date": "2026-11-11",
          "city": "moscow",
          "status": "planned",
          "participants": null,
          "follows": "summit-2025",
          "presidency": "russia",
          "note": "The article only calls it 'the next similar meeting'. It follows the summit: 'il prossimo incontro simile' (the next meeting like it). presidency is a reading: the article says Russia takes the presidency over 'dopo il Kirghizistan' (after Kyrgyzstan), not when.",
          "source": [
            "Il prossimo incontro simile si terrà l'11 novembre 2026 a Mosca.",
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        }
      ]
    },
    "cities": {
      "fields": {
        "name": "text",
        "name_it": "text",
        "note": "text"
      },
      "records": [
        {
          "id": "bishkek",
          "name": "Bishkek",
          "name_it": "Bishkek",
          "note": null,
          "source": [
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento.",
            "ℹ️ Il vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva e la riunione del Consiglio di Sicurezza Collettiva della CSTO si sono tenuti il 27 novembre a Bishkek.",
            "All'incontro sulla sicurezza collettiva a Bishkek, c'è stato un cambio del Segretario Generale della CSTO — al posto del kazako Imangali Tasmagambetov, la carica è stata assunta dal rappresentante del Kirghizistan Taalabek Masadykov."
          ]
        },
        {
          "id": "moscow",
          "name": "Moscow",
          "name_it": "Mosca",
          "note": null,
          "source": [
            "Il prossimo incontro simile si terrà l'11 novembre 2026 a Mosca."
          ]
        }
      ]
    },
    "statements": {
      "fields": {
        "speaker": "ref people",
        "kind": "one of quote, paraphrase",
        "verb": "one of announced, called, declared, explained, hoped, noted, proposed, said, stressed, summarized, supported, took_stock",
        "text": "text",
        "text_it": "text",
        "topics": "list one of air_defense, armaments, biosecurity, borders, counter_terrorism, cybersecurity, drugs, exercises, humanitarian, international_authority, international_situation, military_cooperation, partnership, results, security_threats, technology, training",
        "event": "ref events",
        "initiative": "ref initiatives",
        "year": "integer",
        "note": "text"
      },
      "records": [
        {
          "id": "putin-rearmament",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "proposed",
          "text": "launch a large-scale program to equip the Collective Forces with modern Russian weapons and equipment, which have proven effective in combat conditions",
          "text_it": "avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento",
          "topics": [
            "armaments"
          ],
          "event": "summit-2025",
          "initiative": "putin-rearmament",
          "year": null,
          "note": null,
          "source": [
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento."
          ]
        },
        {
          "id": "putin-joint-training",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "announced",
          "text": "plans to organize a series of joint events to train military units and special-service detachments",
          "text_it": "piani per organizzare una serie di eventi congiunti per la preparazione di unità militari e reparti dei servizi speciali",
          "topics": [
            "training"
          ],
          "event": "summit-2025",
          "initiative": "putin-joint-training",
          "year": null,
          "note": null,
          "source": [
            "Sullo sfondo dell'iniziativa sopra menzionata, Putin ha annunciato piani per organizzare una serie di eventi congiunti per la preparazione di unità militari e reparti dei servizi speciali."
          ]
        },
        {
          "id": "putin-exercises",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "explained",
          "text": "refer to the next stages of the regular exercises: «Interaction», «Echelon», «Search»",
          "text_it": "riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»",
          "topics": [
            "exercises"
          ],
          "event": "summit-2025",
          "initiative": "putin-joint-training",
          "year": null,
          "note": null,
          "source": [
            "Ha spiegato di riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»."
          ]
        },
        {
          "id": "putin-air-defense",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "stressed",
          "text": "more attention must be paid to developing the air forces and the air defense system",
          "text_it": "è necessario prestare maggiore attenzione allo sviluppo delle forze aeree e del sistema di difesa aerea",
          "topics": [
            "air_defense"
          ],
          "event": "summit-2025",
          "initiative": "putin-air-defense",
          "year": null,
          "note": null,
          "source": [
            "Allo stesso tempo, è necessario prestare maggiore attenzione allo sviluppo delle forze aeree e del sistema di difesa aerea, ha sottolineato il presidente."
          ]
        },
        {
          "id": "putin-biosecurity",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "said",
          "text": "his country counts on the Coordination Council for Biosecurity working more effectively and will help the CSTO partners in every way, sharing with them the achievements of military medicine",
          "text_it": "il suo paese conta su un aumento dell'efficacia del lavoro del Consiglio di coordinamento per la biosicurezza e aiuterà in ogni modo i partner della CSTO, condividendo con loro i successi della medicina militare",
          "topics": [
            "biosecurity"
          ],
          "event": "summit-2025",
          "initiative": "putin-biosecurity",
          "year": null,
          "note": null,
          "source": [
            "Secondo il politico, il suo paese conta su un aumento dell'efficacia del lavoro del Consiglio di coordinamento per la biosicurezza e aiuterà in ogni modo i partner della CSTO, condividendo con loro i successi della medicina militare."
          ]
        },
        {
          "id": "putin-counter-terrorism-strategy",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": "noted",
          "text": "Russia, which will take over the presidency of the organization after Kyrgyzstan, intends to start preparing a new counter-terrorism strategy",
          "text_it": "la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo",
          "topics": [
            "counter_terrorism"
          ],
          "event": "summit-2025",
          "initiative": "putin-counter-terrorism-strategy",
          "year": null,
          "note": null,
          "source": [
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        },
        {
          "id": "putin-terrorist-groups",
          "speaker": "vladimir-putin",
          "kind": "quote",
          "verb": "declared",
          "text": "With the organization's partners we will continue to work to identify and eliminate international terrorist groups and their cells, and to cut off the channels of their financing",
          "text_it": "Con i partner dell'organizzazione continueremo a lavorare per identificare e liquidare gruppi terroristici internazionali e loro cellule, per interrompere i canali del loro finanziamento",
          "topics": [
            "counter_terrorism"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": "Speaker given as 'il capo della Federazione Russa'.",
          "source": [
            "«Con i partner dell'organizzazione continueremo a lavorare per identificare e liquidare gruppi terroristici internazionali e loro cellule, per interrompere i canali del loro finanziamento», ha dichiarato il capo della Federazione Russa."
          ]
        },
        {
          "id": "putin-cybersecurity",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": null,
          "text": "strengthening cybersecurity",
          "text_it": "il rafforzamento della sicurezza informatica",
          "topics": [
            "cybersecurity"
          ],
          "event": "summit-2025",
          "initiative": "putin-cybersecurity",
          "year": null,
          "note": "Listed among the priorities. Attributed to Putin by context: the sentence continues the report of his speech without naming him.",
          "source": [
            "Inoltre, tra le priorità vi sono il rafforzamento della sicurezza informatica, la continuazione delle interazioni per combattere il traffico di droga, anche con il coinvolgimento di partecipanti internazionali."
          ]
        },
        {
          "id": "putin-drug-trafficking",
          "speaker": "vladimir-putin",
          "kind": "paraphrase",
          "verb": null,
          "text": "continuing the cooperation to combat drug trafficking, also with the involvement of international participants",
          "text_it": "la continuazione delle interazioni per combattere il traffico di droga, anche con il coinvolgimento di partecipanti internazionali",
          "topics": [
            "drugs"
          ],
          "event": "summit-2025",
          "initiative": "putin-drug-trafficking",
          "year": null,
          "note": "Listed among the priorities. Attributed to Putin by context: the sentence continues the report of his speech without naming him.",
          "source": [
            "Inoltre, tra le priorità vi sono il rafforzamento della sicurezza informatica, la continuazione delle interazioni per combattere il traffico di droga, anche con il coinvolgimento di partecipanti internazionali."
          ]
        },
        {
          "id": "japarov-presidency-review",
          "speaker": "sadyr-japarov",
          "kind": "paraphrase",
          "verb": "took_stock",
          "text": "some conclusions on the organization's work under his republic's presidency",
          "text_it": "alcune somme sull'attività dell'organizzazione sotto la presidenza della sua repubblica",
          "topics": [
            "results"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": "'Ha tirato alcune somme': he took stock of the Kyrgyz presidency.",
          "source": [
            "Il presidente del Kirghizistan Sadyr Japarov, nel suo discorso al vertice della CSTO, ha tirato alcune somme sull'attività dell'organizzazione sotto la presidenza della sua repubblica."
          ]
        },
        {
          "id": "japarov-concrete-actions",
          "speaker": "sadyr-japarov",
          "kind": "paraphrase",
          "verb": "noted",
          "text": "concrete actions have been taken to counter modern security challenges and threats",
          "text_it": "sono state intraprese azioni concrete per contrastare le sfide e le minacce alla sicurezza moderne",
          "topics": [
            "security_threats"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": null,
          "source": [
            "Ha notato che sono state intraprese azioni concrete per contrastare le sfide e le minacce alla sicurezza moderne, e l'autorità internazionale della struttura si è rafforzata."
          ]
        },
        {
          "id": "japarov-international-authority",
          "speaker": "sadyr-japarov",
          "kind": "paraphrase",
          "verb": "noted",
          "text": "the international authority of the organization has grown stronger",
          "text_it": "l'autorità internazionale della struttura si è rafforzata",
          "topics": [
            "international_authority"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": null,
          "source": [
            "Ha notato che sono state intraprese azioni concrete per contrastare le sfide e le minacce alla sicurezza moderne, e l'autorità internazionale della struttura si è rafforzata."
          ]
        },
        {
          "id": "japarov-military-cooperation",
          "speaker": "sadyr-japarov",
          "kind": "paraphrase",
          "verb": "said",
          "text": "in 2025 practical measures were carried out in military, military-economic and military-technical cooperation",
          "text_it": "nel 2025 sono state realizzate misure pratiche nel campo della cooperazione militare, economico-militare e tecnico-militare",
          "topics": [
            "military_cooperation"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": 2025,
          "note": null,
          "source": [
            "Secondo lui, nel 2025 sono state realizzate misure pratiche nel campo della cooperazione militare, economico-militare e tecnico-militare, ed è stata condotta una serie di grandi esercitazioni."
          ]
        },
        {
          "id": "japarov-large-exercises",
          "speaker": "sadyr-japarov",
          "kind": "paraphrase",
          "verb": "said",
          "text": "a series of large exercises was held",
          "text_it": "è stata condotta una serie di grandi esercitazioni",
          "topics": [
            "exercises"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": 2025,
          "note": "Part of his review of 2025 ('nel 2025' applies to the whole sentence).",
          "source": [
            "Secondo lui, nel 2025 sono state realizzate misure pratiche nel campo della cooperazione militare, economico-militare e tecnico-militare, ed è stata condotta una serie di grandi esercitazioni."
          ]
        },
        {
          "id": "japarov-coordination-readiness",
          "speaker": "sadyr-japarov",
          "kind": "quote",
          "verb": "summarized",
          "text": "These and other events successfully ensured the coordination of the actions of the units of the member states' armed forces and increased their readiness to carry out the tasks assigned to them",
          "text_it": "Questi e altri eventi hanno assicurato con successo la coordinazione delle azioni delle unità delle forze armate degli stati membri e hanno aumentato la loro prontezza a svolgere i compiti assegnati",
          "topics": [
            "results"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": null,
          "source": [
            "«Questi e altri eventi hanno assicurato con successo la coordinazione delle azioni delle unità delle forze armate degli stati membri e hanno aumentato la loro prontezza a svolgere i compiti assegnati», ha riassunto Japarov."
          ]
        },
        {
          "id": "rahmon-international-situation",
          "speaker": "emomali-rahmon",
          "kind": "quote",
          "verb": "called",
          "text": "complex and difficult to predict",
          "text_it": "complessa e difficile da prevedere",
          "topics": [
            "international_situation"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": "His description of 'la situazione internazionale'. The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Il capo del Tagikistan Emomali Rahmon ha definito la situazione internazionale «complessa e difficile da prevedere», in relazione alla quale ha sottolineato l'importanza della partnership nell'ambito della CSTO."
          ]
        },
        {
          "id": "rahmon-partnership",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "stressed",
          "text": "the importance of partnership within the CSTO",
          "text_it": "l'importanza della partnership nell'ambito della CSTO",
          "topics": [
            "partnership"
          ],
          "event": "summit-2025",
          "initiative": null,
          "year": null,
          "note": "Stressed in view of the international situation. The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Il capo del Tagikistan Emomali Rahmon ha definito la situazione internazionale «complessa e difficile da prevedere», in relazione alla quale ha sottolineato l'importanza della partnership nell'ambito della CSTO."
          ]
        },
        {
          "id": "rahmon-military-cooperation-plan",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "supported",
          "text": "the adoption of the Plan for the development of military cooperation of the organization's member states",
          "text_it": "l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione",
          "topics": [
            "military_cooperation"
          ],
          "event": "summit-2025",
          "initiative": "rahmon-military-cooperation-plan",
          "year": null,
          "note": "The article adds 'previste per il 2026-2030' for both this and the Anti-Drug Strategy. The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "rahmon-anti-drug-strategy",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "supported",
          "text": "the approval of the Anti-Drug Strategy, planned for 2026-2030",
          "text_it": "l'approvazione della Strategia Antidroga, previste per il 2026-2030",
          "topics": [
            "drugs"
          ],
          "event": "summit-2025",
          "initiative": "rahmon-anti-drug-strategy",
          "year": null,
          "note": "The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "rahmon-tajik-afghan-border",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "hoped",
          "text": "the timely implementation of the CSTO interstate program to strengthen the Tajik-Afghan border",
          "text_it": "l'attuazione tempestiva del Programma interstatale della CSTO per rafforzare il confine tagiko-afghano",
          "topics": [
            "borders"
          ],
          "event": "summit-2025",
          "initiative": "rahmon-tajik-afghan-border",
          "year": null,
          "note": "'Ha espresso speranza per': he expressed hope for it. The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Ha espresso speranza per l'attuazione tempestiva del Programma interstatale della CSTO per rafforzare il confine tagiko-afghano."
          ]
        },
        {
          "id": "rahmon-humanitarian-center",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "proposed",
          "text": "to create in Tajikistan a Humanitarian Response Center of the organization",
          "text_it": "creare in Tagikistan un Centro di risposta umanitaria dell'organizzazione",
          "topics": [
            "humanitarian"
          ],
          "event": "summit-2025",
          "initiative": "rahmon-humanitarian-center",
          "year": null,
          "note": "The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together).",
          "source": [
            "Rahmon ha proposto di creare in Tagikistan un Centro di risposta umanitaria dell'organizzazione, e ha anche sottolineato la necessità di scambi operativi di informazioni e dello sviluppo di nuove tecnologie, in particolare l'intelligenza artificiale, nella lotta al terrorismo e all'estremismo."
          ]
        },
        {
          "id": "rahmon-information-technology",
          "speaker": "emomali-rahmon",
          "kind": "paraphrase",
          "verb": "stressed",
          "text": "the need for operational exchanges of information and for developing new technologies, in particular artificial intelligence, in the fight against terrorism and extremism",
          "text_it": "la necessità di scambi operativi di informazioni e dello sviluppo di nuove tecnologie, in particolare l'intelligenza artificiale, nella lotta al terrorismo e all'estremismo",
          "topics": [
            "technology",
            "counter_terrorism"
          ],
          "event": "summit-2025",
          "initiative": "rahmon-information-technology",
          "year": null,
          "note": "The article does not say where Rahmon spoke; event summit-2025 is an inference (the article reports the leaders' speeches of 27 November together). Two topics: new technologies, and their use 'nella lotta al terrorismo e all'estremismo' (in the fight against terrorism and extremism).",
          "source": [
            "Rahmon ha proposto di creare in Tagikistan un Centro di risposta umanitaria dell'organizzazione, e ha anche sottolineato la necessità di scambi operativi di informazioni e dello sviluppo di nuove tecnologie, in particolare l'intelligenza artificiale, nella lotta al terrorismo e all'estremismo."
          ]
        }
      ]
    },
    "initiatives": {
      "fields": {
        "by": "ref people",
        "title": "text",
        "area": "one of air_defense, armaments, biosecurity, borders, counter_terrorism, cybersecurity, drugs, humanitarian, military_cooperation, technology, training",
        "action": "one of announced, hoped, pledged, priority, proposed, stressed, supported",
        "document": "ref documents",
        "exercises": "list ref exercises",
        "body": "ref organizations",
        "alongside": "ref initiatives",
        "note": "text"
      },
      "records": [
        {
          "id": "putin-rearmament",
          "by": "vladimir-putin",
          "title": "Large-scale program to equip the Collective Forces with modern Russian arms and equipment proven in combat",
          "area": "armaments",
          "action": "proposed",
          "document": null,
          "exercises": null,
          "body": "collective-forces",
          "alongside": null,
          "note": "The headline sums it up as 'più armi e mezzi ai Paesi membri'.",
          "source": [
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento.",
            "Putin rilancia l’alleanza militare filo-russa: più armi e mezzi ai Paesi membri"
          ]
        },
        {
          "id": "putin-joint-training",
          "by": "vladimir-putin",
          "title": "Series of joint events to train military units and special-service detachments",
          "area": "training",
          "action": "announced",
          "document": null,
          "exercises": [
            "interaction",
            "echelon",
            "search"
          ],
          "body": null,
          "alongside": "putin-rearmament",
          "note": "Putin explained he meant the next stages of the regular exercises.",
          "source": [
            "Sullo sfondo dell'iniziativa sopra menzionata, Putin ha annunciato piani per organizzare una serie di eventi congiunti per la preparazione di unità militari e reparti dei servizi speciali.",
            "Ha spiegato di riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»."
          ]
        },
        {
          "id": "putin-air-defense",
          "by": "vladimir-putin",
          "title": "Greater attention to developing the air forces and the air defense system",
          "area": "air_defense",
          "action": "stressed",
          "document": null,
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Allo stesso tempo, è necessario prestare maggiore attenzione allo sviluppo delle forze aeree e del sistema di difesa aerea, ha sottolineato il presidente."
          ]
        },
        {
          "id": "putin-biosecurity",
          "by": "vladimir-putin",
          "title": "More effective Coordination Council for Biosecurity; Russia to share its military-medicine achievements with CSTO partners",
          "area": "biosecurity",
          "action": "pledged",
          "document": null,
          "exercises": null,
          "body": "biosecurity-council",
          "alongside": null,
          "note": "Russia 'counts on' the Council working more effectively and will help partners 'in every way'.",
          "source": [
            "Secondo il politico, il suo paese conta su un aumento dell'efficacia del lavoro del Consiglio di coordinamento per la biosicurezza e aiuterà in ogni modo i partner della CSTO, condividendo con loro i successi della medicina militare."
          ]
        },
        {
          "id": "putin-counter-terrorism-strategy",
          "by": "vladimir-putin",
          "title": "Preparation of a new counter-terrorism strategy",
          "area": "counter_terrorism",
          "action": "announced",
          "document": "counter-terrorism-strategy",
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": "Russia, taking over the presidency after Kyrgyzstan, intends to start preparing it. action 'announced' is a reading: the article says Putin 'ha notato' (noted) Russia's intention.",
          "source": [
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        },
        {
          "id": "putin-cybersecurity",
          "by": "vladimir-putin",
          "title": "Strengthening cybersecurity",
          "area": "cybersecurity",
          "action": "priority",
          "document": null,
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": "Attributed to Putin by context: the sentence continues the report of his speech without naming him. 'Tra le priorità' (among the priorities) comes after Putin's words on Russia's coming presidency; that they are that presidency's priorities is a reading.",
          "source": [
            "Inoltre, tra le priorità vi sono il rafforzamento della sicurezza informatica, la continuazione delle interazioni per combattere il traffico di droga, anche con il coinvolgimento di partecipanti internazionali."
          ]
        },
        {
          "id": "putin-drug-trafficking",
          "by": "vladimir-putin",
          "title": "Continued cooperation against drug trafficking, also involving international participants",
          "area": "drugs",
          "action": "priority",
          "document": null,
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": "Attributed to Putin by context: the sentence continues the report of his speech without naming him. 'Tra le priorità' (among the priorities) comes after Putin's words on Russia's coming presidency; that they are that presidency's priorities is a reading.",
          "source": [
            "Inoltre, tra le priorità vi sono il rafforzamento della sicurezza informatica, la continuazione delle interazioni per combattere il traffico di droga, anche con il coinvolgimento di partecipanti internazionali."
          ]
        },
        {
          "id": "rahmon-humanitarian-center",
          "by": "emomali-rahmon",
          "title": "CSTO Humanitarian Response Center in Tajikistan",
          "area": "humanitarian",
          "action": "proposed",
          "document": null,
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Rahmon ha proposto di creare in Tagikistan un Centro di risposta umanitaria dell'organizzazione, e ha anche sottolineato la necessità di scambi operativi di informazioni e dello sviluppo di nuove tecnologie, in particolare l'intelligenza artificiale, nella lotta al terrorismo e all'estremismo."
          ]
        },
        {
          "id": "rahmon-information-technology",
          "by": "emomali-rahmon",
          "title": "Operational information exchange and development of new technologies, notably artificial intelligence, against terrorism and extremism",
          "area": "technology",
          "action": "stressed",
          "document": null,
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Rahmon ha proposto di creare in Tagikistan un Centro di risposta umanitaria dell'organizzazione, e ha anche sottolineato la necessità di scambi operativi di informazioni e dello sviluppo di nuove tecnologie, in particolare l'intelligenza artificiale, nella lotta al terrorismo e all'estremismo."
          ]
        },
        {
          "id": "rahmon-military-cooperation-plan",
          "by": "emomali-rahmon",
          "title": "Adoption of the Plan for the development of military cooperation of the member states",
          "area": "military_cooperation",
          "action": "supported",
          "document": "military-cooperation-plan",
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "rahmon-anti-drug-strategy",
          "by": "emomali-rahmon",
          "title": "Approval of the Anti-Drug Strategy",
          "area": "drugs",
          "action": "supported",
          "document": "anti-drug-strategy",
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "rahmon-tajik-afghan-border",
          "by": "emomali-rahmon",
          "title": "Timely implementation of the CSTO interstate program to strengthen the Tajik-Afghan border",
          "area": "borders",
          "action": "hoped",
          "document": "tajik-afghan-border-program",
          "exercises": null,
          "body": null,
          "alongside": null,
          "note": null,
          "source": [
            "Ha espresso speranza per l'attuazione tempestiva del Programma interstatale della CSTO per rafforzare il confine tagiko-afghano."
          ]
        }
      ]
    },
    "exercises": {
      "fields": {
        "name": "text",
        "name_it": "text",
        "regular": "boolean",
        "note": "text"
      },
      "records": [
        {
          "id": "interaction",
          "name": "Interaction",
          "name_it": "Interazione",
          "regular": true,
          "note": "Its next stages are among the joint training events Putin announced.",
          "source": [
            "Ha spiegato di riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»."
          ]
        },
        {
          "id": "echelon",
          "name": "Echelon",
          "name_it": "Scaglione",
          "regular": true,
          "note": "Its next stages are among the joint training events Putin announced.",
          "source": [
            "Ha spiegato di riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»."
          ]
        },
        {
          "id": "search",
          "name": "Search",
          "name_it": "Ricerca",
          "regular": true,
          "note": "Its next stages are among the joint training events Putin announced.",
          "source": [
            "Ha spiegato di riferirsi alle prossime fasi delle esercitazioni regolari: «Interazione», «Scaglione», «Ricerca»."
          ]
        }
      ]
    },
    "documents": {
      "fields": {
        "title": "text",
        "title_it": "text",
        "kind": "one of package, declaration, decision, plan, program, strategy",
        "status": "one of signed, planned, awaiting_implementation",
        "from_year": "integer",
        "to_year": "integer",
        "event": "ref events",
        "prepared_by": "ref members",
        "issued_by": "ref organizations",
        "part_of": "ref documents",
        "note": "text"
      },
      "records": [
        {
          "id": "signed-package",
          "title": "Package of documents signed following the summit",
          "title_it": "imponente pacchetto di documenti",
          "kind": "package",
          "status": "signed",
          "from_year": null,
          "to_year": null,
          "event": "summit-2025",
          "prepared_by": null,
          "issued_by": null,
          "part_of": null,
          "note": "'Un imponente pacchetto di documenti' (a large package of documents): the article names three of them ('inclusa …'); how many others it holds, and which, it does not say.",
          "source": [
            "In seguito al vertice, è stato firmato un imponente pacchetto di documenti, inclusa la Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva; la decisione «Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo»; la decisione «Sul bilancio della CSTO per il 2026»."
          ]
        },
        {
          "id": "declaration",
          "title": "Declaration of the Collective Security Council of the Collective Security Treaty Organization",
          "title_it": "Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva",
          "kind": "declaration",
          "status": "signed",
          "event": "summit-2025",
          "prepared_by": null,
          "issued_by": "collective-security-council",
          "part_of": "signed-package",
          "note": "Signed 'in seguito al vertice' (following the summit), as part of a large package of documents.",
          "source": [
            "In seguito al vertice, è stato firmato un imponente pacchetto di documenti, inclusa la Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva; la decisione «Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo»; la decisione «Sul bilancio della CSTO per il 2026»."
          ]
        },
        {
          "id": "positive-image-decision",
          "title": "Decision on measures to form a positive image of the CSTO and its member states in the information space",
          "title_it": "Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo",
          "kind": "decision",
          "status": "signed",
          "event": "summit-2025",
          "prepared_by": null,
          "issued_by": null,
          "part_of": "signed-package",
          "note": "Signed 'in seguito al vertice' (following the summit), as part of a large package of documents.",
          "source": [
            "In seguito al vertice, è stato firmato un imponente pacchetto di documenti, inclusa la Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva; la decisione «Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo»; la decisione «Sul bilancio della CSTO per il 2026»."
          ]
        },
        {
          "id": "budget-2026",
          "title": "Decision on the CSTO budget for 2026",
          "title_it": "Sul bilancio della CSTO per il 2026",
          "kind": "decision",
          "status": "signed",
          "from_year": 2026,
          "to_year": 2026,
          "event": "summit-2025",
          "prepared_by": null,
          "issued_by": null,
          "part_of": "signed-package",
          "note": "Signed 'in seguito al vertice' (following the summit), as part of a large package of documents.",
          "source": [
            "In seguito al vertice, è stato firmato un imponente pacchetto di documenti, inclusa la Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva; la decisione «Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo»; la decisione «Sul bilancio della CSTO per il 2026»."
          ]
        },
        {
          "id": "military-cooperation-plan",
          "title": "Plan for the development of military cooperation of the CSTO member states",
          "title_it": "Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione",
          "kind": "plan",
          "status": "planned",
          "from_year": 2026,
          "to_year": 2030,
          "event": null,
          "prepared_by": null,
          "issued_by": null,
          "part_of": null,
          "note": "Rahmon supported its adoption/approval, 'previste per il 2026-2030'. Status 'planned' and the years 2026 to 2030 are a reading of that phrase; the article does not say it was signed.",
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "anti-drug-strategy",
          "title": "Anti-Drug Strategy",
          "title_it": "Strategia Antidroga",
          "kind": "strategy",
          "status": "planned",
          "from_year": 2026,
          "to_year": 2030,
          "event": null,
          "prepared_by": null,
          "issued_by": null,
          "part_of": null,
          "note": "Rahmon supported its adoption/approval, 'previste per il 2026-2030'. Status 'planned' and the years 2026 to 2030 are a reading of that phrase; the article does not say it was signed.",
          "source": [
            "Il presidente ha sostenuto l'adozione del Piano di sviluppo della cooperazione militare degli stati membri dell'organizzazione e l'approvazione della Strategia Antidroga, previste per il 2026-2030."
          ]
        },
        {
          "id": "tajik-afghan-border-program",
          "title": "CSTO interstate program to strengthen the Tajik-Afghan border",
          "title_it": "Programma interstatale della CSTO per rafforzare il confine tagiko-afghano",
          "kind": "program",
          "status": "awaiting_implementation",
          "event": null,
          "prepared_by": null,
          "issued_by": null,
          "part_of": null,
          "note": "Rahmon hoped for its timely implementation; the article says nothing about when it was adopted. Status 'awaiting_implementation' is a reading of Rahmon's hope for its 'attuazione tempestiva' (timely implementation).",
          "source": [
            "Ha espresso speranza per l'attuazione tempestiva del Programma interstatale della CSTO per rafforzare il confine tagiko-afghano."
          ]
        },
        {
          "id": "counter-terrorism-strategy",
          "title": "New counter-terrorism strategy",
          "title_it": "nuova strategia antiterrorismo",
          "kind": "strategy",
          "status": "planned",
          "event": null,
          "prepared_by": "russia",
          "issued_by": null,
          "part_of": null,
          "note": "Not yet drafted: Russia 'intende avviare la preparazione' (intends to start preparing it). The article gives no formal title. prepared_by is Russia's stated intention, not a preparation under way.",
          "source": [
            "Putin ha notato che la Russia, che dopo il Kirghizistan assumerà la presidenza dell'organizzazione, intende avviare la preparazione di una nuova strategia antiterrorismo."
          ]
        }
      ]
    },
    "appointments": {
      "fields": {
        "post": "one of secretary_general",
        "post_it": "text",
        "organization": "ref organizations",
        "outgoing": "ref people",
        "incoming": "ref people",
        "event": "ref events",
        "note": "text"
      },
      "records": [
        {
          "id": "secretary-general-2025",
          "post": "secretary_general",
          "post_it": "Segretario Generale",
          "organization": "csto",
          "outgoing": "imangali-tasmagambetov",
          "incoming": "taalabek-masadykov",
          "event": "council-session-2025",
          "note": "The article places the change 'all'incontro sulla sicurezza collettiva a Bishkek'; linking it to the Collective Security Council session (rather than the summit) is an inference.",
          "source": [
            "All'incontro sulla sicurezza collettiva a Bishkek, c'è stato un cambio del Segretario Generale della CSTO — al posto del kazako Imangali Tasmagambetov, la carica è stata assunta dal rappresentante del Kirghizistan Taalabek Masadykov."
          ]
        }
      ]
    },
    "organizations": {
      "fields": {
        "name": "text",
        "name_it": "text",
        "abbreviation": "text",
        "kind": "one of international_organization, council, military_force",
        "parent": "ref organizations",
        "purpose": "text",
        "purpose_it": "text",
        "note": "text"
      },
      "records": [
        {
          "id": "csto",
          "name": "Collective Security Treaty Organization",
          "name_it": "Organizzazione del Trattato di Sicurezza Collettiva",
          "abbreviation": "CSTO",
          "kind": "international_organization",
          "parent": null,
          "purpose": "To strengthen peace and regional security (its main objective).",
          "purpose_it": "rafforzare la pace e la sicurezza regionale",
          "note": "The article also calls it a military alliance ('alleanza militare filo-russa', headline).",
          "source": [
            "ℹ️ La CSTO è un'organizzazione internazionale il cui obiettivo principale è rafforzare la pace e la sicurezza regionale.",
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento.",
            "Putin rilancia l’alleanza militare filo-russa: più armi e mezzi ai Paesi membri"
          ]
        },
        {
          "id": "collective-security-council",
          "name": "Collective Security Council",
          "name_it": "Consiglio di Sicurezza Collettiva",
          "abbreviation": null,
          "kind": "council",
          "parent": "csto",
          "purpose": null,
          "purpose_it": null,
          "note": "Met in Bishkek on 27 November; issued the Declaration.",
          "source": [
            "ℹ️ Il vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva e la riunione del Consiglio di Sicurezza Collettiva della CSTO si sono tenuti il 27 novembre a Bishkek.",
            "In seguito al vertice, è stato firmato un imponente pacchetto di documenti, inclusa la Dichiarazione del Consiglio di Sicurezza Collettiva dell'Organizzazione del Trattato di Sicurezza Collettiva; la decisione «Sulle misure per formare un'immagine positiva della CSTO e dei suoi stati membri nello spazio informativo»; la decisione «Sul bilancio della CSTO per il 2026»."
          ]
        },
        {
          "id": "biosecurity-council",
          "name": "Coordination Council for Biosecurity",
          "name_it": "Consiglio di coordinamento per la biosicurezza",
          "abbreviation": null,
          "kind": "council",
          "parent": "csto",
          "purpose": null,
          "purpose_it": null,
          "note": "That it is a CSTO body is an inference from the context of Putin's speech.",
          "source": [
            "Secondo il politico, il suo paese conta su un aumento dell'efficacia del lavoro del Consiglio di coordinamento per la biosicurezza e aiuterà in ogni modo i partner della CSTO, condividendo con loro i successi della medicina militare."
          ]
        },
        {
          "id": "collective-forces",
          "name": "Collective Forces",
          "name_it": "Forze Collettive",
          "abbreviation": null,
          "kind": "military_force",
          "parent": "csto",
          "purpose": null,
          "purpose_it": null,
          "note": "That they are the CSTO's forces is an inference from the context of Putin's speech.",
          "source": [
            "Il presidente russo Vladimir Putin, intervenendo al vertice dei leader dei paesi dell'Organizzazione del Trattato di Sicurezza Collettiva (CSTO) a Bishkek, ha proposto di avviare un programma su larga scala per dotare le Forze Collettive di armamenti ed equipaggiamenti russi moderni, che hanno dimostrato efficacia in condizioni di combattimento."
          ]
        }
      ]
    },
    "credits": {
      "fields": {
        "item": "text",
        "kind": "one of photo, speech",
        "press_service_of": "ref people",
        "note": "text"
      },
      "records": [
        {
          "id": "putin-speech-text",
          "item": "Text of Vladimir Putin's speech at the summit",
          "kind": "speech",
          "press_service_of": "vladimir-putin",
          "note": "Published by his own press service ('il suo servizio stampa').",
          "source": [
            "Il discorso del politico è pubblicato dal suo servizio stampa."
          ]
        },
        {
          "id": "photo",
          "item": "The article's photo",
          "kind": "photo",
          "press_service_of": "sadyr-japarov",
          "note": "The caption credits the press service of the president of Kyrgyzstan; that this is Sadyr Japarov is an inference from the rest of the article.",
          "source": [
            "Foto del servizio stampa del presidente del Kirghizistan"
          ]
        }
      ]
    }
  }
}
"""##
}
