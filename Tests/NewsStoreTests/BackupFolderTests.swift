import Glibc
import TestSupport
import Testing

@testable import NewsStore

/// The backup folder: our naming, one backup at a time, retention that deletes only our own
/// older backups, and failures that never name the folder's path.
@Suite struct BackupFolderTests {
    private func touch(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
        close(descriptor)
    }

    private func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    @Test func namesSortByTimeAndOnlyOursMatch() {
        #expect(BackupFolder.fileName(at: Timestamp(rfc3339: "2026-12-06T19:30:05.123Z")!) == "newsstore-20261206T193005Z.sqlite")
        #expect(BackupFolder.isBackupName("newsstore-20261206T193005Z.sqlite"))
        for name in [
            "newsstore-20261206T193005Z.sqlite-journal", "newsstore-20261206T193005Z.sqlite.bak", "my-newsstore-20261206T193005Z.sqlite",
            "newsstore-2026120T6193005Z.sqlite", "newsstore-20261206T19300Z.sqlite", "newsstore-20261206t193005Z.sqlite",
            "newsstore-latest.sqlite", "newsstore.sqlite", ".newsstore-backup.lock", "newsstore-20261206T193005Z.SQLITE",
        ] {
            #expect(!BackupFolder.isBackupName(name), "\(name)")
        }
    }

    @Test func retentionKeepsTheNewestOfOursAndTouchesNothingElse() throws {
        let store = try StoreFixture()
        defer { store.close() }
        let folder = store.directory + "/backups"
        #expect(mkdir(folder, 0o750) == 0)
        let older = ["newsstore-20250101T000000Z.sqlite", "newsstore-20250301T000000Z.sqlite", "newsstore-20250601T120000Z.sqlite"]
        let foreign = [
            "notes.txt", "newsstore-before-upgrade.sqlite", "newsstore-20250101T000000Z.sqlite.bak", "copy-newsstore-20240101T000000Z.sqlite",
        ]
        for name in older + foreign { touch(folder + "/" + name) }

        let backup = try BackupFolder(path: folder, retention: 2).takeBackup(of: store.database, by: .system, at: ManualClock.start)
        #expect(backup.fileName == "newsstore-20250701T080000Z.sqlite")
        #expect(backup.bytes > 0)
        #expect(backup.removed == ["newsstore-20250101T000000Z.sqlite", "newsstore-20250301T000000Z.sqlite"])
        #expect(exists(folder + "/" + backup.fileName))
        #expect(exists(folder + "/newsstore-20250601T120000Z.sqlite"))
        #expect(!exists(folder + "/newsstore-20250101T000000Z.sqlite"))
        for name in foreign { #expect(exists(folder + "/" + name), "\(name) was deleted") }
    }

    @Test func retentionZeroKeepsEveryBackup() throws {
        let store = try StoreFixture()
        defer { store.close() }
        let folder = store.directory + "/backups"
        #expect(mkdir(folder, 0o750) == 0)
        touch(folder + "/newsstore-20200101T000000Z.sqlite")
        let backup = try BackupFolder(path: folder, retention: 0).takeBackup(of: store.database, by: .system, at: ManualClock.start)
        #expect(backup.removed.isEmpty)
        #expect(exists(folder + "/newsstore-20200101T000000Z.sqlite"))
    }

    /// A second backup into the folder while one is being written is refused, not queued.
    @Test func oneBackupAtATime() throws {
        let store = try StoreFixture()
        defer { store.close() }
        let folder = BackupFolder(path: store.directory + "/backups")
        var second: Result<BackupFolder.Backup, BackupFolder.Failure>?
        let first = try folder.takeBackup(of: store.database, by: .system, at: ManualClock.start) { _, _ in
            guard second == nil else { return }
            second = Result { () throws(BackupFolder.Failure) in
                try folder.takeBackup(of: store.database, by: .system, at: ManualClock.start.adding(minutes: 1))
            }
        }
        guard case .failure(.busy) = second else {
            Issue.record("the second backup was not refused as busy: \(String(describing: second))")
            return
        }
        #expect(first.fileName == "newsstore-20250701T080000Z.sqlite")
        // Once the first is done, the folder takes the next.
        #expect(
            try folder.takeBackup(of: store.database, by: .system, at: ManualClock.start.adding(minutes: 1)).fileName
                == "newsstore-20250701T080100Z.sqlite")
    }

    @Test func aSecondBackupInTheSameSecondIsRefused() throws {
        let store = try StoreFixture()
        defer { store.close() }
        let folder = BackupFolder(path: store.directory + "/backups")
        _ = try folder.takeBackup(of: store.database, by: .system, at: ManualClock.start)
        do {
            _ = try folder.takeBackup(of: store.database, by: .system, at: Timestamp(milliseconds: ManualClock.start.milliseconds + 999))
            Issue.record("a second backup in the same second was written")
        } catch {
            guard case .sameSecond(let name) = error else {
                Issue.record("refused for another reason: \(error)")
                return
            }
            #expect(name == "newsstore-20250701T080000Z.sqlite")
        }
    }

    @Test func failuresNeverNameTheFolder() throws {
        let store = try StoreFixture()
        defer { store.close() }
        // A file where the folder should be: it cannot hold the lock or the backup.
        let notAFolder = store.directory + "/not-a-folder"
        touch(notAFolder)
        do {
            _ = try BackupFolder(path: notAFolder).takeBackup(of: store.database, by: .system)
            Issue.record("a backup into a file succeeded")
        } catch {
            #expect(!error.description.contains(store.directory), "\(error.description)")
            #expect(!error.description.isEmpty)
        }
    }
}
