package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeIdTests {

    @Test
    void coversTwoToTheLevelLeavesFromItsIndexTimesThatWidth() {
        NodeId subtree = new NodeId(3, 5);

        assertThat(subtree.firstLeaf()).isEqualTo(40);
        assertThat(subtree.leafCount()).isEqualTo(8);
        assertThat(subtree.endLeaf()).isEqualTo(48);
        assertThat(NodeId.leaf(7)).isEqualTo(new NodeId(0, 7));
    }

    @Test
    void reachesTheLastSubtreesOfTheLargestTree() {
        assertThat(new NodeId(62, 0).endLeaf()).isEqualTo(1L << 62);
        assertThat(NodeId.leaf(Long.MAX_VALUE - 1).endLeaf()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesASubtreeThatNoTreeOfAtMostTwoToTheSixtyThreeMinusOneLeavesHolds() {
        assertThatThrownBy(() -> new NodeId(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(63, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeId(62, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.leaf(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
