//! Human names for the simulated organization, some of them non-ASCII on purpose: the
//! roster must sort, search and render them all.

const FIRST: &[&str] = &[
    "Ada", "Zoë", "José", "Björn", "Aiko", "Chidi", "Łukasz", "Mei", "Noor", "Øystein", "Priya",
    "Renée", "Siobhán", "Tomás", "Ümit", "Wanjiru", "Xiao", "Yusuf", "Émile", "Ingrid", "Kofi",
    "Lars", "María", "Nguyễn", "Olga", "Pedro", "Rhys", "Saoirse", "Thandiwe", "Viktor", "Amélie",
    "Dmitri", "Farah", "Hana", "Jürgen", "Leilani", "Mateo", "Nadia", "Sven", "Zainab",
];

const LAST: &[&str] = &[
    "Lovelace",
    "Ødegaard",
    "Álvarez",
    "Andersson",
    "Tanaka",
    "Okafor",
    "Żółkiewski",
    "Chen",
    "Haddad",
    "Nilsen",
    "Raman",
    "Dubois",
    "Ní Bhriain",
    "García",
    "Yılmaz",
    "Mwangi",
    "Li",
    "Demir",
    "Brontë",
    "Strauß",
    "Mensah",
    "Eriksen",
    "Pérez",
    "Thị Minh",
    "Ivanova",
    "Costa",
    "Davies",
    "Murphy",
    "Dlamini",
    "Horváth",
    "Moreau",
    "Volkov",
    "Rahman",
    "Kowalczyk",
    "Müller",
    "Kahale",
    "Rossi",
    "Petrov",
    "Lindqvist",
    "Abubakar",
];

/// The `index`-th name: every first name meets every last name before any repeats.
pub fn full_name(index: usize) -> String {
    let first = FIRST[index % FIRST.len()];
    let last = LAST[(index / FIRST.len() + index) % LAST.len()];
    format!("{first} {last}")
}

/// An ASCII, lowercase email local part for a name: "Zoë Ødegaard" → "zoe.odegaard".
pub fn email_local_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'Á' => "a",
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'ễ' => "e",
            'í' | 'ı' | 'ị' => "i",
            'ó' | 'ö' | 'ø' | 'Ø' | 'ò' => "o",
            'ú' | 'ü' | 'Ü' => "u",
            'ñ' => "n",
            'ł' | 'Ł' => "l",
            'ż' | 'Ż' => "z",
            'ß' => "ss",
            ' ' => ".",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => continue,
        };
        out.push_str(folded);
    }
    out
}
