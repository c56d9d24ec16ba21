"""The national clinical quality databases of the demo, after RKKP's public list.

Each entry is two lines: ``Name (ACRONYM)``, then
``slug | umbrella | disease area | specialties | societies | patient organisations | extras``.
Specialties, societies and patient organisations are codes from ``data.py``; extras may
name a non-physician profession common in the group, ``kl`` for a municipal seat, and
``establishing`` for a database still being set up.
"""

import re
from dataclasses import dataclass

from steering.demo.data import PATIENT_ORGANISATIONS, SOCIETIES, SPECIALTIES

PROFESSIONS = {
    "nurse",
    "physiotherapist",
    "occupational_therapist",
    "midwife",
    "psychologist",
    "dietitian",
    "biomedical_scientist",
    "radiographer",
    "other_health",
}


@dataclass(frozen=True)
class DatabaseSpec:
    name: str
    acronym: str
    slug: str
    umbrella: str
    disease_area: str
    specialties: tuple[str, ...]
    societies: tuple[str, ...]
    patient_organisations: tuple[str, ...]
    allied_profession: str = ""
    municipal_seat: bool = False
    establishing: bool = False


_CATALOGUE = """
Dansk Brystcancer Database (DBCG)
    dbcg | dmcg | Brystkræft | mamma onko pato | dsko dks dspac | kb
Dansk Lunge Cancer Register (DLCR)
    dlcr | dmcg | Lungekræft | lunge onko thorax | dls dsko dts | kb
Dansk Kolorektal Cancer Database (DCCG)
    dccg | dmcg | Tyk- og endetarmskræft | kir onko pato | dks dsko dspac | kb
Dansk Prostatacancer Database (DaProCa)
    daproca | dmcg | Prostatakræft | uro onko | dus dsko | kb
Dansk Melanom Database (DMD)
    dmd | dmcg | Modermærkekræft | plastik onko derm | dspr dsko dds | kb
DAHANCA – Hoved-halskræft (DAHANCA)
    dahanca | dmcg | Kræft i hoved og hals | oenh onko | dsohh dsko | kb
Dansk Gynækologisk Cancer Database (DGCD)
    dgcd | dmcg | Kræft i æggestokke, livmoder og livmoderhals | gyn onko pato | dsog dsko | kb
Dansk Lymfom Database (LYFO)
    lyfo | dmcg | Lymfeknudekræft | haem | dhs | bkf kb
Dansk Myelomatose Database (DMMD)
    dmmd | dmcg | Knoglemarvskræft (myelomatose) | haem | dhs | bkf
Akut Leukæmi Databasen (ALD)
    ald | dmcg | Akut leukæmi | haem | dhs | bkf
Dansk Kronisk Lymfatisk Leukæmi Database (DCLL)
    dcll | dmcg | Kronisk lymfatisk leukæmi | haem | dhs | bkf
Dansk Database for Kroniske Myeloide Neoplasier (DKMN)
    dkmn | dmcg | Kroniske myeloide neoplasier | haem | dhs | bkf
Dansk Myelodysplastisk Syndrom Database (DMDS)
    dmds | dmcg | Myelodysplastisk syndrom | haem | dhs | bkf
Dansk Blærecancer Database (DaBlaCa)
    dablaca | dmcg | Blærekræft | uro onko | dus dsko | kb
Dansk Renal Cancer Database (DaRenCa)
    darenca | dmcg | Nyrekræft | uro onko | dus dsko | kb
Dansk Testikelcancer Database (DaTeCa)
    dateca | dmcg | Testikelkræft | onko uro | dsko dus | kb
Dansk Peniscancer Database (DaPeCa)
    dapeca | dmcg | Peniskræft | uro onko | dus | kb
Dansk Esophagus-, Cardia- og Ventrikelcancer Database (DECV)
    decv | dmcg | Kræft i spiserør og mavesæk | kir onko | dks dsko | kb
Dansk Pancreas Cancer Database (DPCD)
    dpcd | dmcg | Kræft i bugspytkirtlen | kir onko | dks dsko dsgh | kb
Dansk Lever- og Galdevejscancer Database (DLGCD)
    dlgcd | dmcg | Kræft i lever og galdeveje | kir onko gastro | dks dsgh | kb lev
Dansk Sarkom Database (DSD)
    dsd | dmcg | Sarkomer i knogler og bløddele | orto onko | dos dsko | kb
Dansk Neuro-Onkologisk Register (DNOR)
    dnor | dmcg | Hjernetumorer | nkir onko | dnks dsko | kb hs
Dansk Thyroideacancer Database (DATHYRCA)
    dathyrca | dmcg | Kræft i skjoldbruskkirtlen | oenh endo | dsohh des | kb
Dansk Mesotheliom Database (DMeD)
    dmed | dmcg | Lungehindekræft | lunge onko | dls dsko | kb lf
Dansk Neuroendokrin Tumor Database (DANET)
    danet | dmcg | Neuroendokrine tumorer | endo onko | des dsko | kb
Dansk Analcancer Database (DACD)
    dacd | dmcg | Kræft i endetarmsåbningen | onko kir | dsko dks | kb
Dansk Palliativ Database (DPD)
    dpd | dmcg | Specialiseret palliativ indsats | pall onko | dspam dsko dasys | kb dp | nurse kl
Dansk Børnecancer Database (DBCD)
    dbcd | dmcg | Kræft hos børn | paed onko | dpaeds | kb | nurse
Dansk Kvalitetsdatabase for Mammografiscreening (DKMS)
    dkms |  | Screening for brystkræft | radio mamma | drads | kb | radiographer
Dansk Kvalitetsdatabase for Livmoderhalskræftscreening (DKLS)
    dkls |  | Screening for livmoderhalskræft | gyn pato | dsog dspac | kb | biomedical_scientist
Dansk Tarmkræftscreeningsdatabase (DTS)
    dts |  | Screening for tarmkræft | kir gastro pato | dks dsgh | kb
Dansk Register for Diabetisk Øjenscreening (DiaBase)
    diabase |  | Øjenscreening ved diabetes | oeje endo | doftas des | df oeje
Dansk Kvalitetsdatabase for Nyfødtehørescreening (DKNHS)
    dknhs |  | Hørescreening af nyfødte | oenh paed | dsohh dpaeds | hoer | other_health
Dansk Hjerteregister (DHR)
    hjerteregister | dmhg | Iskæmisk hjertesygdom og hjerteklapsygdom | kard thorax | dcs dts | hf
Dansk Hjertesvigtdatabase (DHD)
    dhd | dmhg | Hjertesvigt | kard | dcs dasys | hf | nurse kl
Dansk Pacemaker og ICD Register (DPIR)
    dpir | dmhg | Pacemaker- og ICD-behandling | kard | dcs | hf
Dansk Ablationsdatabase (DanAbl)
    danabl | dmhg | Kateterablation for hjerterytmeforstyrrelser | kard | dcs | hf
Dansk Hjerterehabiliteringsdatabase (DHRD)
    dhrd | dmhg | Hjerterehabilitering | kard | dcs dsf dasys | hf | physiotherapist kl
Dansk Hjertestopregister (DHSR)
    dhsr | dmhg | Hjertestop uden for hospital | praehosp kard | dasem dcs | hf
Dansk Atrieflimren Database (DAFD)
    dafd | dmhg | Atrieflimren | kard | dcs | hf
Dansk Apopleksiregister (DAP)
    dap |  | Apopleksi og TCI | neuro | dns dasys dsf | hs | physiotherapist kl
Dansk Diabetes Database for Voksne (DDDA)
    ddda |  | Diabetes hos voksne | endo | des dsam | df | nurse kl
Dansk Kvalitetsdatabase for Børne- og Ungdomsdiabetes (DanDiabKids)
    dandiabkids |  | Diabetes hos børn og unge | paed | dpaeds | df | nurse
Dansk Intensiv Database (DID)
    did |  | Intensiv terapi | intens anae | dasaim | dp | nurse
Dansk Anæstesi Database (DAD)
    dad |  | Anæstesi | anae | dasaim | dp | nurse
Dansk Hoftealloplastik Register (DHAR)
    hoftealloplastik |  | Hofteprotesekirurgi | orto | dos | gf
Dansk Knæalloplastikregister (DKR)
    dkr |  | Knæprotesekirurgi | orto | dos | gf
Dansk Skulderalloplastik Register (DSR)
    dsr |  | Skulderprotesekirurgi | orto | dos | gf
Dansk Tværfagligt Register for Hoftenære Lårbensbrud (DTRHL)
    hoftebrud |  | Hoftenære lårbensbrud | orto geri anae | dos dsg | ost | physiotherapist kl
Dansk Korsbåndsrekonstruktionsregister (DKRR)
    dkrr |  | Korsbåndsrekonstruktion | orto | dos | gf | physiotherapist
Dansk Hoftearthroskopi Register (DHAS)
    dhas |  | Hoftearthroskopi | orto | dos | gf
Dansk Rygkirurgisk Database (DaneSpine)
    danespine |  | Rygkirurgi | orto nkir | dos dnks | gf
Dansk Fedmekirurgiregister (DFR)
    dfr |  | Kirurgisk behandling af svær overvægt | kir endo | dks | dp | dietitian
Dansk Herniedatabase (DHDB)
    dhdb |  | Brokkirurgi | kir | dks | dp
Dansk Database for Akut Højrisiko Abdominalkirurgi (AHA)
    aha |  | Akut højrisiko mavekirurgi | kir anae | dks dasaim | dp
Dansk Karkirurgisk Database (Karbase)
    karbase |  | Karkirurgi | kar | dkks | hf
Dansk Kvalitetsdatabase for Fødsler (DKF)
    dkf |  | Fødsler | gyn paed | dsog dpaeds djm | fof | midwife
Dansk Neonatal Database (NEO)
    neo |  | Nyfødte med behov for intensiv behandling | neo | dpaeds | fof | nurse
Dansk Føtalmedicinsk Database (Føtodatabasen)
    foetodatabasen |  | Prænatal diagnostik | gyn radio | dsog | fof | midwife
Dansk Urogynækologisk Database (DugaBase)
    dugabase |  | Urogynækologi | gyn | dsog | dp
Dansk Hysterektomi og Hysteroskopi Database (DHHD)
    dhhd |  | Hysterektomi og hysteroskopi | gyn | dsog | dp
Dansk Depressionsdatabase (DDD)
    depression |  | Unipolar depression | psykdep | dpsys dpf | sind bp | psychologist
Dansk Skizofrenidatabase (DSDB)
    skizofreni |  | Skizofreni | psykose | dpsys | sind bp | nurse
ADHD-databasen (ADHD)
    adhd |  | ADHD hos børn, unge og voksne | bupsyk | dpsys dpaeds | adhd | psychologist
Dansk Demensdatabase (DanDem)
    dandem |  | Demens | hukom geri neuro | dns dsg dpsys | alz | occupational_therapist kl
DANBIO – Dansk Reumatologisk Database (DANBIO)
    danbio |  | Inflammatoriske gigtsygdomme | reuma | drs | gf | nurse
Dansk Multipel Sklerose Register (DMSR)
    dmsr |  | Multipel sklerose | neuro | dns | sf | nurse
Dansk Register for Kronisk Obstruktiv Lungesygdom (DrKOL)
    drkol |  | KOL | lunge | dls dsam | lf | physiotherapist kl
Dansk Nefrologisk Register (DNSL)
    dnsl |  | Kronisk nyresvigt og dialyse | nefro | dnefs | nf | nurse
Dansk Børneastma Database (DBAD)
    dbad |  | Astma hos børn | paed lunge | dpaeds dls | lf
Dansk Akutmedicinsk Database (DAMD)
    damd |  | Akutmodtagelse | akut | dasem | dp | nurse
Dansk Præhospital Database (DPHD)
    dphd |  | Præhospital behandling | praehosp anae | dasem dasaim | dp | nurse
Dansk Traumedatabase (DTD)
    traume |  | Alvorligt tilskadekomne | akut orto anae | dasem dos dasaim | dp | establishing
Dansk Transfusionsdatabase (DTDB)
    dtdb |  | Blodtransfusion | immun anae | dski dasaim | dp | biomedical_scientist
Dansk Database for Hepatitis B og C (DANHEP)
    danhep |  | Kronisk hepatitis B og C | infek gastro | dsi dsgh | lev
Dansk HIV Database (DANHIV)
    danhiv |  | Hiv | infek | dsi | hiv | nurse
Dansk IBD Database (DIBD)
    dibd |  | Inflammatorisk tarmsygdom | gastro | dsgh | ccf | nurse
Dansk Epilepsidatabase (DEpiD)
    depid |  | Epilepsi | neuro paed | dns dpaeds | epi
Dansk Database for Venøs Tromboembolisme (DVTE)
    dvte |  | Blodpropper i vener og lunger | kard lunge akut | dcs dls | hf
Dansk Osteoporosedatabase (DOD)
    dod |  | Knogleskørhed | endo reuma geri | des drs dsg | ost
Dansk Kataraktdatabase (DKD)
    dkd |  | Grå stær | oeje | doftas | oeje
Dansk Kvalitetsdatabase for Hjerneskaderehabilitering (DKHR)
    dkhr |  | Neurorehabilitering | rehab neuro | dns dsf | hs | physiotherapist kl establishing
Dansk Søvnapnø Database (DSAD)
    dsad |  | Obstruktiv søvnapnø | lunge oenh | dls dsohh | lf
Dansk Parkinsondatabase (DPKD)
    dpkd |  | Parkinsons sygdom | neuro | dns | hs | nurse
Dansk Kvalitetsdatabase for Svær Sepsis (DKSS)
    dkss |  | Sepsis og septisk shock | akut intens infek | dasem dasaim dsi | dp
"""

_HEADER = re.compile(r"^(?P<name>.+) \((?P<acronym>[^()]+)\)$")


def _parse(text: str) -> tuple[DatabaseSpec, ...]:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    specs = []
    for header, details in zip(lines[::2], lines[1::2], strict=True):
        match = _HEADER.match(header.strip())
        if match is None:
            raise ValueError(f"Not a database header: {header!r}")
        cells = [cell.strip() for cell in details.split("|")]
        slug, umbrella, area, specialties, societies, patients, *rest = cells
        extras = " ".join(rest).split()
        spec = DatabaseSpec(
            name=match["name"],
            acronym=match["acronym"],
            slug=slug,
            umbrella=umbrella,
            disease_area=area,
            specialties=tuple(specialties.split()),
            societies=tuple(societies.split()),
            patient_organisations=tuple(patients.split()),
            allied_profession=next((e for e in extras if e in PROFESSIONS), ""),
            municipal_seat="kl" in extras,
            establishing="establishing" in extras,
        )
        unknown = (
            set(spec.specialties) - SPECIALTIES.keys()
            | set(spec.societies) - SOCIETIES.keys()
            | set(spec.patient_organisations) - PATIENT_ORGANISATIONS.keys()
            | set(extras) - PROFESSIONS - {"kl", "establishing"}
        )
        if unknown or not spec.specialties or not spec.patient_organisations:
            raise ValueError(f"{spec.name}: unknown or missing codes {sorted(unknown)}")
        specs.append(spec)
    return tuple(specs)


DATABASES = _parse(_CATALOGUE)
