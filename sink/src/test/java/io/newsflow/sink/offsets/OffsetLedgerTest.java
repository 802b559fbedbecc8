package io.newsflow.sink.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.sink.offsets.OffsetLedger.Ticket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private static final String P0 = "articles.clean-0";
    private static final String P1 = "articles.clean-1";

    private final OffsetLedger<String> ledger = new OffsetLedger<>();

    private List<Ticket<String>> track(String partition, long... offsets) {
        List<Ticket<String>> tickets = new ArrayList<>();
        for (long offset : offsets) {
            tickets.add(ledger.track(partition, offset));
        }
        return tickets;
    }

    /** Commit position. */
    @Nested
    class CommitPosition {

        @Test
        void shouldStayAtAssignedPositionWhileNothingIsDone() {
            ledger.assign(P0, 100);
            track(P0, 100, 101, 102);

            assertThat(ledger.commitPosition(P0)).hasValue(100);
            assertThat(ledger.uncommitted()).isEmpty();
        }

        @Test
        void shouldAdvanceOverUnbrokenRunOfDoneRecordsOnly() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1, 2, 3);

            ledger.complete(t.get(0));
            ledger.complete(t.get(2));

            assertThat(ledger.commitPosition(P0)).hasValue(1);
            ledger.complete(t.get(1));
            assertThat(ledger.commitPosition(P0)).hasValue(3);
            ledger.complete(t.get(3));
            assertThat(ledger.commitPosition(P0)).hasValue(4);
        }

        @Test
        void shouldNotMoveForOutOfOrderAcknowledgementsUntilOldestOneArrives() {
            ledger.assign(P0, 10);
            List<Ticket<String>> t = track(P0, 10, 11, 12, 13, 14);

            ledger.complete(t.get(4));
            ledger.complete(t.get(3));
            ledger.complete(t.get(1));
            assertThat(ledger.commitPosition(P0)).hasValue(10);

            ledger.complete(t.get(0));
            assertThat(ledger.commitPosition(P0)).hasValue(12);
            ledger.complete(t.get(2));
            assertThat(ledger.commitPosition(P0)).hasValue(15);
        }

        @Test
        void shouldSkipOffsetsThatWereNeverDelivered() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 5, 9);

            ledger.complete(t.get(0));
            assertThat(ledger.commitPosition(P0)).hasValue(5);
            ledger.complete(t.get(1));
            ledger.complete(t.get(2));
            assertThat(ledger.commitPosition(P0)).hasValue(10);
        }

        @Test
        void shouldTreatADeadLetteredRecordLikeAnAcknowledgedOneOnceItIsCompleted() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1, 2);
            ledger.complete(t.get(0));
            ledger.complete(t.get(2));
            // offset 1 was rejected by the index; its dead letter is acknowledged later
            assertThat(ledger.commitPosition(P0)).hasValue(1);

            ledger.complete(t.get(1));

            assertThat(ledger.commitPosition(P0)).hasValue(3);
        }

        @Test
        void shouldKeepRecordPendingThroughAnyNumberOfRetries() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1);
            ledger.complete(t.get(1));

            // the first attempt of offset 0 failed and is retried: nobody completes it yet
            assertThat(ledger.isPending(t.get(0))).isTrue();
            assertThat(ledger.commitPosition(P0)).hasValue(0);
            assertThat(ledger.pendingCount()).isEqualTo(1);

            ledger.complete(t.get(0));
            assertThat(ledger.commitPosition(P0)).hasValue(2);
        }

        @Test
        void shouldKeepPartitionsIndependent() {
            ledger.assign(P0, 0);
            ledger.assign(P1, 50);
            List<Ticket<String>> t0 = track(P0, 0, 1);
            List<Ticket<String>> t1 = track(P1, 50, 51);

            ledger.complete(t1.get(0));
            ledger.complete(t1.get(1));

            assertThat(ledger.commitPosition(P0)).hasValue(0);
            assertThat(ledger.commitPosition(P1)).hasValue(52);
            assertThat(ledger.uncommitted()).containsExactly(Map.entry(P1, 52L));
            assertThat(ledger.pendingByPartition()).containsEntry(P0, 2).containsEntry(P1, 0);
            assertThat(t0).hasSize(2);
        }

        @Test
        void shouldNeverPassPendingRecordWhateverOrderOfAcknowledgements() {
            Random random = new Random(42);
            for (int round = 0; round < 200; round++) {
                OffsetLedger<String> fresh = new OffsetLedger<>();
                fresh.assign(P0, 0);
                List<Ticket<String>> tickets = new ArrayList<>();
                long offset = 0;
                for (int i = 0; i < 30; i++) {
                    offset += 1 + random.nextInt(3);
                    tickets.add(fresh.track(P0, offset));
                }
                List<Ticket<String>> order = new ArrayList<>(tickets);
                Collections.shuffle(order, random);
                for (Ticket<String> done : order) {
                    fresh.complete(done);
                    long position = fresh.commitPosition(P0).orElseThrow();
                    long smallestPending = tickets.stream()
                            .filter(fresh::isPending)
                            .mapToLong(Ticket::offset)
                            .min()
                            .orElse(offset + 1);
                    assertThat(position).isEqualTo(smallestPending);
                }
                assertThat(fresh.commitPosition(P0)).hasValue(offset + 1);
            }
        }
    }

    /** Commit bookkeeping. */
    @Nested
    class Bookkeeping {

        @Test
        void shouldReportPartitionAsUncommittedOnlyAfterItsPositionMoved() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1);
            ledger.complete(t.get(0));
            assertThat(ledger.uncommitted()).containsExactly(Map.entry(P0, 1L));

            ledger.markCommitted(P0, 1);
            assertThat(ledger.uncommitted()).isEmpty();

            ledger.complete(t.get(1));
            assertThat(ledger.uncommitted()).containsExactly(Map.entry(P0, 2L));
        }

        @Test
        void shouldIgnoreOlderCommitConfirmationThatArrivesAfterNewerOne() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1);
            ledger.complete(t.get(0));
            ledger.complete(t.get(1));

            ledger.markCommitted(P0, 2);
            ledger.markCommitted(P0, 1);

            assertThat(ledger.uncommitted()).isEmpty();
        }

        @Test
        void shouldCountCompletionOnceEvenWhenAcknowledgementIsDeliveredTwice() {
            ledger.assign(P0, 0);
            List<Ticket<String>> t = track(P0, 0, 1);

            assertThat(ledger.complete(t.get(0))).isTrue();
            assertThat(ledger.complete(t.get(0))).isFalse();

            assertThat(ledger.pendingCount()).isEqualTo(1);
            assertThat(ledger.commitPosition(P0)).hasValue(1);
        }
    }

    /** Rebalances. */
    @Nested
    class Rebalances {

        @Test
        void shouldForgetRevokedPartitionAndIgnoreItsLateAcknowledgements() {
            ledger.assign(P0, 0);
            ledger.assign(P1, 0);
            List<Ticket<String>> t0 = track(P0, 0, 1);
            track(P1, 0);

            ledger.revoke(List.of(P0));

            assertThat(ledger.isAssigned(P0)).isFalse();
            assertThat(ledger.pendingCount()).isEqualTo(1);
            assertThat(ledger.complete(t0.get(0))).isFalse();
            assertThat(ledger.commitPosition(P0)).isEmpty();
            assertThat(ledger.uncommitted()).isEmpty();
        }

        @Test
        void shouldIgnoreAcknowledgementsFromPreviousAssignmentOfSamePartition() {
            ledger.assign(P0, 0);
            List<Ticket<String>> old = track(P0, 0, 1, 2);
            ledger.revoke(List.of(P0));

            // assigned again from the committed position; the same offsets are delivered again
            ledger.assign(P0, 0);
            List<Ticket<String>> fresh = track(P0, 0, 1, 2);
            ledger.complete(old.get(0));
            ledger.complete(old.get(1));

            assertThat(ledger.commitPosition(P0)).hasValue(0);
            assertThat(ledger.pendingCount()).isEqualTo(3);
            ledger.complete(fresh.get(0));
            assertThat(ledger.commitPosition(P0)).hasValue(1);
        }

        @Test
        void shouldStartAfreshWhenPartitionIsAssignedAgainWithoutRevocation() {
            ledger.assign(P0, 0);
            track(P0, 0, 1);

            ledger.assign(P0, 7);

            assertThat(ledger.pendingCount()).isZero();
            assertThat(ledger.commitPosition(P0)).hasValue(7);
            assertThat(ledger.track(P0, 7).generation()).isGreaterThan(1);
        }

        @Test
        void shouldChangeNothingWhenAPartitionItNeverHadIsRevoked() {
            ledger.assign(P0, 3);
            ledger.revoke(List.of(P1));
            assertThat(ledger.commitPosition(P0)).hasValue(3);
        }
    }

    /** Misuse. */
    @Nested
    class Misuse {

        @Test
        void shouldRefuseToTrackPartitionThatIsNotAssigned() {
            assertThatThrownBy(() -> ledger.track(P0, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(P0);
        }

        @Test
        void shouldRefuseOffsetsThatGoBackwards() {
            ledger.assign(P0, 0);
            ledger.track(P0, 5);
            assertThatThrownBy(() -> ledger.track(P0, 5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("offset 5");
            assertThatThrownBy(() -> ledger.track(P0, 2)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldRefuseNegativePosition() {
            assertThatThrownBy(() -> ledger.assign(P0, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
