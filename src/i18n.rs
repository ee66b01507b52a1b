//! English and French: one static table, no i18n crate (the wasm budget is tight).
//!
//! [`I18n`] sits in context; components call `i18n.t(Msg::Answer)` inside a reactive
//! closure, so switching the language re-renders only the texts.

use leptos::prelude::*;

use crate::browser::set_root_attribute;
use crate::hooks::{use_local_storage, StoredSetting};

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The BCP 47 code, also the stored setting.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a code; anything but French is English.
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// Every text of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Fr) => $fr,)*
                }
            }
        }
    };
}

messages! {
    SignOut => "Sign out", "Se déconnecter";
    SigningOut => "Signing out…", "Déconnexion…";
    Connected => "Connected", "Connecté";
    Connecting => "Connecting…", "Connexion…";
    Reconnecting => "Reconnecting…", "Reconnexion…";
    Offline => "Offline", "Hors ligne";
    Language => "Language", "Langue";
    Theme => "Theme", "Thème";
    ThemeSystem => "System", "Système";
    ThemeLight => "Light", "Clair";
    ThemeDark => "Dark", "Sombre";
    AgentState => "Agent state", "État de l'agent";
    LoggedOut => "Logged out", "Déconnecté de l'ACD";
    Ready => "Ready", "Prêt";
    Paused => "Paused", "En pause";
    Withdrawn => "Withdrawn", "Retiré";
    WrapUp => "Wrap-up", "Post-appel";
    Busy => "Busy", "Occupé";
    OutOfGroup => "Out of group", "Hors groupe";
    Unknown => "Unknown", "Inconnu";
    GoReady => "Ready", "Prêt";
    Pause => "Pause", "Pause";
    Withdraw => "Withdraw", "Se retirer";
    WithdrawReason => "Withdraw reason", "Motif de retrait";
    EnterWrapUp => "Wrap-up", "Post-appel";
    LogOff => "Log off", "Se délogger";
    LogOn => "Log on", "Se logger";
    LogOnTitle => "Log on to the contact centre", "Connexion au centre de contacts";
    ProAcdDevice => "Pro-ACD device", "Poste pro-ACD";
    Group => "Processing group", "Groupe de traitement";
    NoGroup => "No group", "Aucun groupe";
    Skills => "Skills", "Compétences";
    Skill => "Skill", "Compétence";
    RequestHelp => "Ask supervisor for help", "Demander l'aide du superviseur";
    CancelHelp => "Cancel help request", "Annuler la demande d'aide";
    HelpPending => "Help requested", "Aide demandée";
    Calls => "Calls", "Appels";
    NoCalls => "No call", "Aucun appel";
    Number => "Number", "Numéro";
    DialPad => "Dial pad", "Clavier";
    Call => "Call", "Appeler";
    Answer => "Answer", "Répondre";
    HangUp => "Hang up", "Raccrocher";
    Hold => "Hold", "Attente";
    Retrieve => "Retrieve", "Reprendre";
    Alternate => "Alternate", "Basculer";
    Consult => "Consult", "Consulter";
    Transfer => "Transfer", "Transférer";
    Merge => "Conference", "Conférence";
    BlindTransfer => "Blind transfer", "Transfert aveugle";
    Redirect => "Redirect", "Renvoyer";
    SendTones => "Send tones", "Envoyer DTMF";
    RecordStart => "Record", "Enregistrer";
    RecordStop => "Stop recording", "Arrêter l'enregistrement";
    RecordPause => "Pause recording", "Suspendre l'enregistrement";
    RecordResume => "Resume recording", "Reprendre l'enregistrement";
    Recording => "Recording", "Enregistrement";
    StateDialing => "Dialing", "Numérotation";
    StateRingingIn => "Ringing", "Sonnerie";
    StateRingingOut => "Calling", "Appel en cours";
    StateQueued => "Queued", "En file";
    StateActive => "In call", "En communication";
    StateHeld => "On hold", "En attente";
    StateReleasing => "Ending", "Fin";
    Pilot => "Pilot", "Pilote";
    QueueWait => "Waited", "Attente en file";
    Anonymous => "Unknown caller", "Appelant inconnu";
    Directory => "Directory", "Annuaire";
    Search => "Search", "Rechercher";
    SearchName => "Name", "Nom";
    NoResults => "No results", "Aucun résultat";
    History => "History", "Historique";
    Missed => "Missed", "Manqué";
    MissedCalls => "Missed calls", "Appels manqués";
    Incoming => "Incoming", "Entrant";
    Outgoing => "Outgoing", "Sortant";
    Refresh => "Refresh", "Actualiser";
    Routing => "Forward and do not disturb", "Renvoi et ne pas déranger";
    Dnd => "Do not disturb", "Ne pas déranger";
    ForwardTo => "Forward to", "Renvoyer vers";
    Forward => "Forward", "Renvoyer";
    CancelForward => "Cancel forward", "Annuler le renvoi";
    ForwardedTo => "Forwarded to", "Renvoyé vers";
    Voicemail => "Voicemail", "Messagerie";
    Dismiss => "Dismiss", "Fermer";
    Notifications => "Notifications", "Notifications";
    IncomingCall => "Incoming call", "Appel entrant";
    SessionExpired => "Your session expired. Sign in again.", "Votre session a expiré. Reconnectez-vous.";
    Shortcuts => "Keyboard shortcuts", "Raccourcis clavier";
    ShortcutsHelp => "Alt+A answer · Alt+H hang up · Alt+O hold/retrieve · Alt+R ready · Alt+P pause · Alt+D dial pad",
        "Alt+A répondre · Alt+H raccrocher · Alt+O attente/reprise · Alt+R prêt · Alt+P pause · Alt+D clavier";
    Settings => "Settings", "Réglages";
    CheckingSession => "Checking session…", "Vérification de la session…";
    SignInTitle => "Sign in to agentdesk", "Connexion à agentdesk";
    Login => "Login", "Identifiant";
    LoginExample => "e.g. oxe70120", "ex. oxe70120";
    Password => "Password", "Mot de passe";
    Gateway => "Gateway", "Passerelle";
    GatewayAddress => "Gateway address", "Adresse de la passerelle";
    Backend => "Contact centre", "Centre de contacts";
    SignOutWhileLoggedOn => "You are logged on to the contact centre: calls would still ring for you.", "Vous êtes connecté au centre de contacts : des appels sonneraient encore pour vous.";
    LogOffToo => "Log off the contact centre too", "Me déconnecter aussi du centre de contacts";
    Cancel => "Cancel", "Annuler";
    HeldFor => "held", "en attente";
    Conference => "Conference", "Conférence";
    DropParty => "Drop", "Retirer";
    CallData => "Call data", "Données d'appel";
    Callbacks => "Callbacks", "Rappels";
    NoCallbacks => "No customer waits for a call back.", "Aucun client n'attend de rappel.";
    TakeCallback => "Take", "Prendre";
    ReleaseCallback => "Release", "Rendre";
    CallBack => "Call", "Appeler";
    TakenByYou => "Yours", "À vous";
    TakenBy => "Taken by", "Pris par";
    CallbackOutcome => "Outcome", "Résultat";
    OutcomeAnswered => "Answered", "A répondu";
    OutcomeNoAnswer => "No answer", "Pas de réponse";
    OutcomeFax => "Fax", "Fax";
    CallbackComment => "Comment", "Commentaire";
    CloseCallback => "Close", "Clore";
    RescheduleDay => "Another day", "Autre jour";
    ReschedulePeriod => "Period", "Période";
    Reschedule => "Reschedule", "Replanifier";
    Queues => "Queues", "Files d'attente";
    NoQueues => "No queue to join.", "Aucune file à rejoindre.";
    Penalty => "Penalty", "Pénalité";
    JoinQueue => "Join", "Rejoindre";
    SetPenalty => "Set", "Changer";
    LeaveQueue => "Leave", "Quitter";
    NotMember => "not a member", "hors de la file";
    StatisticsToday => "Today", "Aujourd'hui";
    ReadyTotal => "Ready", "Prêt";
    PausedTotal => "Paused", "En pause";
    WrapUpTotal => "Wrap-up", "Post-appel";
    LoggedInSince => "Logged in since", "Connecté depuis";
    NoStatistics => "No figures yet.", "Pas encore de chiffres.";
    ScreenPop => "Customer", "Client";
    OpenScreenPop => "Open the customer's page", "Ouvrir la fiche client";
    FailedDnd => "Do not disturb", "Ne pas déranger";
    FailedBusy => "Busy", "Occupé";
    FailedNoAnswer => "No answer", "Pas de réponse";
    FailedInvalid => "Number not reachable", "Numéro injoignable";
    HelpAsks => "Help requests", "Demandes d'aide";
    HelpAskedBy => "Agent asking for help:", "Agent qui demande de l'aide :";
    JoinCall => "Join the call", "Rejoindre l'appel";
    Refuse => "Refuse", "Refuser";
    TransferTo => "Transfer…", "Transférer…";
    TransferNow => "Transfer now", "Transférer maintenant";
    ColleagueOrNumber => "Colleague or number", "Collègue ou numéro";
    ConnectionLost => "Connection lost: what you see may be out of date, and actions wait until it is back.", "Connexion perdue : l'affichage peut être dépassé, les actions attendent son retour.";
    CallEnded => "Call ended", "Appel terminé";
    PauseAfterCall => "Pause after this call", "Pause après cet appel";
    WithdrawAfterCall => "Withdraw after this call", "Retrait après cet appel";
    WrapUpAfterCall => "Wrap-up after this call", "Post-appel après cet appel";
    ReadyAfterCall => "Ready after this call", "Prêt après cet appel";
    NumberNotDialable => "“{}” cannot be dialled: use digits, a leading +, * and #.", "« {} » ne se compose pas : chiffres, + en tête, * et # seulement.";
    NumberTooLong => "This number is too long to dial (49 characters at most).", "Ce numéro est trop long (49 caractères au plus).";
    SignIn => "Sign in", "Se connecter";
    SigningIn => "Signing in…", "Connexion…";
    AgentTab => "Agent", "Agent";
    More => "More", "Plus";
    AfterCallWork => "After-call work", "Travail post-appel";
    Disposition => "Outcome", "Issue de l'appel";
    ChooseDisposition => "Choose an outcome…", "Choisir une issue…";
    Notes => "Notes", "Notes";
    SaveAfterCall => "Save", "Enregistrer";
    WrapUpEndsIn => "Wrap-up ends in", "Fin du post-appel dans";
    ExtendWrapUp => "More time", "Prolonger";
}

/// The language in use, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    stored: StoredSetting,
    /// The browser's language, used until the agent chooses.
    default: Lang,
    /// The host page's choice (embedded `?lang=`), for this page only.
    page: RwSignal<Option<Lang>>,
}

/// Where the chosen language is remembered.
pub const LANG_KEY: &str = "agentdesk.lang";

impl I18n {
    /// The language saved earlier, else the browser's.
    fn load() -> I18n {
        let default = web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|code| Lang::from_code(&code))
            .unwrap_or_default();
        let i18n = I18n {
            stored: use_local_storage(LANG_KEY),
            default,
            page: RwSignal::new(None),
        };
        set_root_attribute("lang", Some(i18n.lang_untracked().code()));
        i18n
    }

    fn lang_untracked(&self) -> Lang {
        self.page.get_untracked().unwrap_or_else(|| {
            self.stored
                .get_untracked()
                .map_or(self.default, |code| Lang::from_code(&code))
        })
    }

    /// The current language, reactively: the page's, else the agent's, else the browser's.
    pub fn lang(&self) -> Lang {
        self.page.get().unwrap_or_else(|| {
            self.stored
                .get()
                .map_or(self.default, |code| Lang::from_code(&code))
        })
    }

    /// A text in the current language, reactively.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang())
    }

    /// Switches language and remembers it; the agent's choice also ends the page's.
    pub fn set(&self, lang: Lang) {
        set_root_attribute("lang", Some(lang.code()));
        self.page.set(None);
        self.stored.set(lang.code());
    }

    /// Uses `lang` on this page without storing it (the host's `?lang=`).
    pub fn override_for_page(&self, lang: Lang) {
        set_root_attribute("lang", Some(lang.code()));
        self.page.set(Some(lang));
    }
}

/// The console's language: the one in context, or one loaded from settings and provided.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| {
        let i18n = I18n::load();
        provide_context(i18n);
        i18n
    })
}
