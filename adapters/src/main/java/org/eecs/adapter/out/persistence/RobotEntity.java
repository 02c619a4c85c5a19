package org.eecs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "robot")
class RobotEntity {

    @Id
    String id;

    String name;

    String model;

    @Column(name = "profile_reference")
    String profileReference;
}
