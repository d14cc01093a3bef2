//! The console without a terminal: the state, the store, and the small
//! machine that runs `update`'s effects against the store and feeds the
//! answers back. The real loop drives it with terminal events; the
//! snapshot, monkey and performance tests drive it directly.

use std::collections::VecDeque;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent};
use ratatui::Frame;

use crate::analysis::Snapshot;
use crate::analysis::reporting::{self, History, TaskCoverage};
use crate::app::action::InboxPage;
use crate::app::data::Loaded;
use crate::app::effect::{Anchor, InboxRequest};
use crate::app::{Action, Effect, State, keymap, update};
use crate::db::{InboxFrom, Result, Store, StoreError};
use crate::ui::{self, Memo};

/// How many of a node's latest reports the plan's detail pane shows.
const NODE_REPORTS: usize = 3;
/// How many of the newest reports the overview groups into submissions.
const LATEST: usize = 400;

pub struct Console {
    pub state: State,
    pub memo: Memo,
    store: Store,
    /// An inbox read waiting for the user to stop typing.
    pending: Option<InboxRequest>,
    /// Whether a key waits, asked during the typed read so that a key
    /// stops it (the loop sets it; tests may).
    key_waits: Option<fn() -> bool>,
    /// Slow reads to run once the frame that asked for them is drawn.
    deferred: Vec<Effect>,
    /// `PRAGMA data_version` when last looked at.
    data_version: i64,
    clear: bool,
    /// The export view's and the import's work beside the loop.
    io: super::transfer::IoRunner,
}

impl Console {
    pub fn new(store: Store, state: State) -> Console {
        let session = Action::Session {
            read_only: store.read_only().map(str::to_string),
            user: store.user().to_string(),
        };
        let mut console = Console {
            state,
            memo: Memo::default(),
            store,
            pending: None,
            key_waits: None,
            deferred: Vec::new(),
            data_version: 0,
            clear: false,
            io: super::transfer::IoRunner::default(),
        };
        console.dispatch(session);
        console
    }

    /// Reads the data; an error here ends the console with the error
    /// (the loop draws a first frame before, so the window is not blank
    /// while a large file is read).
    pub fn start(&mut self) -> Result<()> {
        self.data_version = self.store.data_version()?;
        for effect in update(&mut self.state, Action::Start) {
            match effect {
                // Run here rather than as an effect, so that a broken file
                // is an error, not a message.
                Effect::Load {
                    generation, as_of, ..
                } => {
                    let loaded = load(&self.store, as_of)?;
                    self.dispatch(Action::Loaded {
                        generation,
                        loaded: Box::new(loaded),
                    });
                }
                other => {
                    let answer = self.effect(other);
                    self.dispatch_all(answer);
                }
            }
        }
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, to set how it waits for another user's write lock.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Applies an action and runs the effects it asks for, and theirs,
    /// until nothing is left but a debounced read or a slow one (which
    /// wait for typing to pause, or for the frame).
    pub fn dispatch(&mut self, action: Action) {
        self.dispatch_all(Some(action));
    }

    fn dispatch_all(&mut self, actions: impl IntoIterator<Item = Action>) {
        let mut queue: VecDeque<Action> = actions.into_iter().collect();
        while let Some(a) = queue.pop_front() {
            for effect in update(&mut self.state, a) {
                queue.extend(self.effect(effect));
            }
        }
    }

    /// Takes one effect: runs it now, or keeps it for when typing pauses
    /// or the frame is drawn; its answer, if it has one now.
    fn effect(&mut self, effect: Effect) -> Option<Action> {
        match effect {
            // The loop sees `state.quit`.
            Effect::Quit => None,
            Effect::ForgetTypedInbox => {
                self.pending = None;
                None
            }
            Effect::ClearScreen => {
                self.clear = true;
                None
            }
            Effect::Inbox(r) if r.debounce => {
                self.pending = Some(r);
                None
            }
            Effect::Edit(e) if !e.is_slow() => {
                let lang = self.state.lang();
                super::edit::run(&mut self.store, lang, e)
            }
            slow if slow.is_slow() => {
                self.deferred.retain(|d| !d.same_kind(&slow));
                self.deferred.push(slow);
                None
            }
            other => self.run(other),
        }
    }

    /// A terminal event, through the keymap.
    pub fn handle(&mut self, event: &Event) -> bool {
        let action = match event {
            Event::Key(k) => self.key_action(k),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Paste(s) => Some(Action::Paste(s.clone())),
            _ => None,
        };
        match action {
            Some(a) => {
                self.dispatch(a);
                true
            }
            None => false,
        }
    }

    fn key_action(&self, k: &KeyEvent) -> Option<Action> {
        keymap::action_for(&self.state, k)
    }

    /// Whether a read waits for the user to stop typing.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether slow reads wait for the frame to be drawn.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Runs the slow reads the last actions asked for (and those their
    /// answers ask for).
    pub fn run_deferred(&mut self) {
        while !self.deferred.is_empty() {
            for effect in std::mem::take(&mut self.deferred) {
                if let Some(answer) = self.run(effect) {
                    self.dispatch(answer);
                }
            }
        }
    }

    /// Lets a key stop the read that waited for typing to pause:
    /// `key_waits` is asked while it runs.
    pub fn stop_typed_reads_when(&mut self, key_waits: fn() -> bool) {
        self.key_waits = Some(key_waits);
    }

    /// Runs the read that waited for the user to stop typing. When a key
    /// stops it (it may change the filter again), the read waits again.
    pub fn run_debounced(&mut self) {
        let Some(r) = self.pending.take() else {
            return;
        };
        let page = match self.key_waits {
            Some(stop) => self.store.stoppable(stop, |s| inbox(s, r.clone())),
            None => inbox(&self.store, r.clone()),
        };
        let answer = match page {
            Ok(page) => Action::Inbox(Box::new(page)),
            Err(StoreError::Interrupted { .. }) => {
                self.pending = Some(r);
                return;
            }
            Err(e) => Action::Failed(e.to_string()),
        };
        self.dispatch(answer);
    }

    /// Runs everything that waits (tests: as if typing paused and the
    /// frame was drawn).
    pub fn run_pending(&mut self) {
        self.run_debounced();
        self.run_deferred();
    }

    /// Whether Ctrl-L asked for the screen to be cleared (once).
    pub fn take_clear(&mut self) -> bool {
        std::mem::take(&mut self.clear)
    }

    /// The text `y` asked to copy, for the loop to send as OSC 52 (once).
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.io.take_clipboard()
    }

    /// Whether a check runs in the background (the loop then looks at it
    /// often).
    pub fn has_job(&self) -> bool {
        self.io.has_job()
    }

    /// Takes what the background check has said; true if anything.
    pub fn poll_jobs(&mut self) -> bool {
        let answers = self.io.poll();
        let any = !answers.is_empty();
        for a in answers {
            self.dispatch(a);
        }
        any
    }

    /// Waits for the background check and takes its answers (tests).
    pub fn wait_jobs(&mut self) {
        for a in self.io.wait() {
            self.dispatch(a);
        }
        self.run_deferred();
    }

    /// Looks whether another connection changed the file; reloads if so.
    pub fn check_data(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.dispatch(Action::DataChanged);
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.dispatch(Action::Failed(e.to_string()));
                true
            }
        }
    }

    /// Draws a frame and tells the state what the frame had room for.
    pub fn draw(&mut self, frame: &mut Frame<'_>) {
        // The frame has the terminal's real size (ratatui asks before each
        // draw), even if a resize event went missing.
        let area = frame.area();
        if (area.width, area.height) != self.state.size {
            self.dispatch(Action::Resize(area.width, area.height));
        }
        let viewport = ui::render(frame, &self.state, &mut self.memo);
        if viewport != self.state.viewport {
            // Only clamps scrolling and sets the page size: no new frame needed.
            self.dispatch(Action::Viewport(viewport));
        }
    }

    /// Runs one effect against the store; its answer (or its failure) is
    /// an action.
    fn run(&mut self, effect: Effect) -> Option<Action> {
        let result = match effect {
            Effect::Load {
                generation, as_of, ..
            } => load(&self.store, as_of).map(|loaded| Action::Loaded {
                generation,
                loaded: Box::new(loaded),
            }),
            Effect::LoadHistory { generation, as_of } => {
                let snap = self.state.data.as_ref().map(|d| &d.snap);
                match snap.filter(|s| s.as_of == as_of) {
                    Some(snap) => History::load(&self.store, snap).map(|history| Action::History {
                        generation,
                        history: Box::new(history),
                    }),
                    None => return None,
                }
            }
            Effect::NodeReports {
                generation,
                node_id,
                as_of,
            } => self
                .store
                .node_reports(node_id, as_of, NODE_REPORTS)
                .map(|reports| Action::NodeReports {
                    generation,
                    node_id,
                    reports,
                }),
            Effect::Inbox(r) => inbox(&self.store, r).map(|page| Action::Inbox(Box::new(page))),
            Effect::TaskMatrix {
                generation,
                period,
                as_of,
            } => {
                // The matrix belongs to the loaded snapshot; an answer for
                // another date or load is dropped by its generation.
                let snap = self.state.data.as_ref().map(|d| &d.snap);
                match snap.filter(|s| s.as_of == as_of) {
                    Some(snap) => TaskCoverage::load(&self.store, snap, period).map(|coverage| {
                        Action::TaskMatrix {
                            generation,
                            coverage: Box::new(coverage),
                        }
                    }),
                    None => return None,
                }
            }
            Effect::Edit(e) => return super::edit::read(&self.store, e),
            Effect::ClearScreen | Effect::Quit | Effect::ForgetTypedInbox => return None,
            Effect::RenderExport(key) => {
                return super::transfer::render(&self.store, &self.state, key);
            }
            Effect::WriteExport(req) => {
                return Some(super::transfer::write(&self.store, &self.state, req));
            }
            Effect::Copy(text) => {
                self.io.copy(text);
                return None;
            }
            Effect::ListDir(req) => return Some(super::transfer::list_dir(req, self.state.lang())),
            Effect::CheckImport(req) => return self.io.start_check(self.store.path(), req),
            Effect::ApplyImport(req) => return Some(super::transfer::apply(&mut self.store, req)),
        };
        Some(result.unwrap_or_else(|e| Action::Failed(e.to_string())))
    }
}

/// Everything one load reads.
pub fn load(store: &Store, as_of: NaiveDate) -> Result<Loaded> {
    let snap = Snapshot::load(store, as_of)?;
    let previous = reporting::previous_coverage(store, &snap)?;
    let latest = store.latest_submissions(as_of, LATEST)?;
    Ok(Loaded {
        snap,
        previous,
        latest,
    })
}

/// Reads a window of the inbox.
fn inbox(store: &Store, r: InboxRequest) -> Result<InboxPage> {
    let total = if r.count {
        Some(store.inbox_count(r.as_of, &r.filter)?)
    } else {
        None
    };
    let (start, rows, selected) = match r.anchor {
        Anchor::Top => (
            0,
            store.inbox_rows(r.as_of, &r.filter, InboxFrom::Newest, r.window * 2)?,
            Some(0),
        ),
        Anchor::Bottom { total } => {
            let rows = store.inbox_rows(r.as_of, &r.filter, InboxFrom::Oldest, r.window * 2)?;
            let n = rows.len() as u64;
            (total.saturating_sub(n), rows, Some(total.saturating_sub(1)))
        }
        Anchor::Key { key, index } => {
            let at = match index {
                Some(i) => i,
                None => store.inbox_position(r.as_of, &r.filter, key)?,
            };
            let mut rows =
                store.inbox_rows(r.as_of, &r.filter, InboxFrom::Before(key), r.window)?;
            let before = rows.len() as u64;
            rows.extend(store.inbox_rows(r.as_of, &r.filter, InboxFrom::From(key), r.window)?);
            (
                at.saturating_sub(before),
                rows,
                index.is_none().then_some(at),
            )
        }
    };
    Ok(InboxPage {
        generation: r.generation,
        as_of: r.as_of,
        filter: r.filter,
        total,
        start,
        rows,
        selected,
    })
}
